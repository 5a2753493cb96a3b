import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, logInWithBrowser, type TestBrowser } from '../support/browser.js';
import { adminPassword, TestHost } from '../support/test-host.js';

describe('browser login (jira)', () => {
  let host: TestHost;
  let browser: TestBrowser;
  before(async () => {
    host = await TestHost.start();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await host?.dispose();
  });

  test('admin logs in and sees the user menu', async () => {
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    assert.equal(await page.textContent('#header-details-user-fullname'), 'Administrator ▾');
    await page.click('#header-details-user-fullname');
    assert.ok(await page.isVisible('#log_out'));
  });
});
