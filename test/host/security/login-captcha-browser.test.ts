import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, type TestBrowser } from '../../support/browser.js';
import { request } from '../../support/http.js';
import { readLoginCounts } from '../../support/login-counts.js';
import { TestHost } from '../../support/test-host.js';
import { createUser } from '../../support/users.js';

describe('login form CAPTCHA (jira, Chromium)', () => {
  let host: TestHost;
  let browser: TestBrowser;
  before(async () => {
    host = await TestHost.start();
    browser = await launchBrowser();
    await createUser(host.url, 'ivy', 'ivy-right-1');
  });
  after(async () => {
    await browser?.close();
    await host?.dispose();
  });

  test('browser shows and passes the challenge', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/login.jsp`);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await page.fill('#login-form-username', 'ivy');
      await page.fill('#login-form-password', 'wrong');
      await Promise.all([page.waitForLoadState(), page.click('#login-form-submit')]);
      assert.match((await page.textContent('#login-error')) ?? '', /incorrect/);
    }
    assert.ok(await page.isVisible('#captcha-image'));
    const imageWidth = await page.$eval('#captcha-image', (image) => (image as HTMLImageElement).naturalWidth);
    assert.equal(imageWidth, 180, 'the browser decoded the SVG image');

    const id = await page.inputValue('input[name="captcha_id"]');
    const answer = (await request(`${host.url}/rest/plughost/1.0/test/captcha/${id}`)).body.answer as string;
    await page.fill('#login-form-password', 'ivy-right-1');
    await page.fill('#captcha-answer', answer);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('#login-form-submit')]);
    assert.equal(await page.textContent('#header-details-user-fullname'), 'User ivy ▾');
    assert.deepEqual(readLoginCounts(host.dataDir, 'ivy'), { current: 0, total: 3 });
  });
});
