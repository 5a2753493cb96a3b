import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isChromiumInstalled, launchBrowser, logInWithBrowser, type TestBrowser } from '../../support/browser.js';
import { TestHost } from '../../support/test-host.js';
import { basic } from '../../support/http.js';
import { createToken, adminAuth, createUser, myself } from '../support/token-host.js';

const hostileDescription = `<script>window.injected = 1</script> "double" 'single'`;

describe('My API Tokens page in a browser (jira)', { skip: !isChromiumInstalled() && 'Chromium is not installed at /usr/bin/chromium' }, () => {
  let host: TestHost;
  let browser: TestBrowser;
  let password: string;

  before(async () => {
    host = await TestHost.start();
    password = await createUser(host, 'alice');
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  });
  after(async () => {
    await browser?.close();
    await host?.dispose();
  });

  test('create, copy, use and delete a token', async () => {
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'alice', password);

    await page.click('#header-details-user-fullname');
    await Promise.all([page.waitForURL(/\/plugins\/servlet\/apitokenauth\/tokens$/), page.click('#apitokenauth-user-tokens')]);
    assert.equal(await page.locator('h1').first().textContent(), 'API Token Authentication');

    await page.fill('#token-description', 'browser token');
    await page.selectOption('#token-validity', 'P1Y');
    await Promise.all([page.waitForLoadState('load'), page.click('#create-token')]);
    await page.locator('#new-token-value').waitFor();
    assert.match((await page.textContent('#new-token-box')) ?? '', /will not be shown again/);

    await page.click('#copy-token');
    await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, ((await page.textContent('#new-token-value')) ?? '').trim());
    assert.match(copied, /^pha_[0-9A-Za-z]{49}$/);

    assert.equal((await myself(host, basic('alice', copied))).status, 200);

    await page.goto(`${host.url}/plugins/servlet/apitokenauth/tokens`);
    await Promise.all([page.waitForLoadState('load'), page.locator('tr', { hasText: 'browser token' }).locator('button.delete-token').click()]);
    await Promise.all([page.waitForLoadState('load'), page.click('#confirm-delete')]);
    await page.locator('#token-success').waitFor();
    assert.equal((await myself(host, basic('alice', copied))).status, 401);
  });

  test('hostile description stays text', async () => {
    await createToken(host, adminAuth, { description: hostileDescription, validity: 'P6M', username: 'alice' });
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'alice', password);
    await page.goto(`${host.url}/plugins/servlet/apitokenauth/tokens`);
    const cell = page.locator('td.token-description', { hasText: 'window.injected' });
    assert.equal(await cell.textContent(), hostileDescription);
    assert.equal(await page.evaluate(() => (window as unknown as { injected?: number }).injected), undefined);
  });
});
