import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isChromiumInstalled, launchBrowser, logInWithBrowser, type Page, type TestBrowser } from '../../support/browser.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic } from '../../support/http.js';
import { adminAuth, createToken, createUser, myself, restBase } from '../support/token-host.js';
import { request } from '../../support/http.js';

const adminPageUrl = (host: TestHost) => `${host.url}/plugins/servlet/apitokenauth/admin`;

/** Opens the admin page from the User management section, entering the password on the WebSudo prompt first. */
async function openAdminPage(page: Page, host: TestHost): Promise<void> {
  page.setDefaultTimeout(10_000);
  await page.goto(`${host.url}/secure/admin`);
  if (await page.locator('#websudo-password').count()) {
    await page.fill('#websudo-password', adminPassword);
    await Promise.all([page.waitForURL((url) => url.pathname === '/secure/admin'), page.click('#websudo-submit')]);
  }
  const section = page.locator('h2', { hasText: 'User management' }).locator('xpath=following-sibling::ul[1]');
  await Promise.all([page.waitForURL(adminPageUrl(host)), section.locator('a', { hasText: 'API Token Authentication' }).click()]);
  await page.locator('#admin-tabs').waitFor();
}

async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForEvent('framenavigated'), page.click(selector)]);
}

describe('admin page in a browser (jira)', { skip: !isChromiumInstalled() && 'Chromium is not installed at /usr/bin/chromium' }, () => {
  let host: TestHost;
  let browser: TestBrowser;
  let alicePassword: string;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await host?.dispose();
  });

  test('IP restriction warns and refuses tokens', async () => {
    const token = await createToken(host, basic('alice', alicePassword), { description: 'script' });
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    await openAdminPage(page, host);
    assert.equal(page.url(), adminPageUrl(host));
    assert.equal(await page.locator('#tab-settings.active').textContent(), 'System-Wide Settings');

    await page.fill('#newIpRestriction', '192.0.2.0/24');
    await Promise.all([page.waitForEvent('framenavigated'), page.press('#newIpRestriction', 'Enter')]);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('input[name=ipRestriction]').first().inputValue(), '192.0.2.0/24');
    await page.locator('#admin-notice').waitFor();
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200, 'adding alone saves nothing');

    await submit(page, '#save-settings');
    await page.locator('#admin-success').waitFor();
    const warning = page.locator('#admin-warnings li[data-code=OWN_ADDRESS_NOT_ALLOWED]');
    assert.match((await warning.textContent()) ?? '', /your own address 127\.0\.0\.1 is not in the allowed list/);
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 403, 'a token call from 127.0.0.1 is refused');

    await submit(page, '#ipRestriction-list button[name=action]');
    assert.equal(await page.locator('input[name=ipRestriction]').count(), 0);
    await submit(page, '#save-settings');
    await page.locator('#admin-success').waitFor();
    assert.equal(await page.locator('#admin-warnings').count(), 0);
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);
    await page.close();
  });

  test('invalid entry keeps the values', async () => {
    const page = await browser.newPage();
    await openAdminPage(page, host);
    await page.selectOption('#max-validity', 'P2Y');
    await page.fill('#newIpRestriction', '10.0.0.0/33');
    await submit(page, '#save-settings');
    const entryError = page.locator('#ipRestriction-list .field-error');
    assert.match((await entryError.textContent()) ?? '', /"10\.0\.0\.0\/33": the prefix length must be 0-32 for IPv4/);
    assert.equal(await page.locator('#max-validity').inputValue(), 'P2Y');
    const saved = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    assert.equal(saved.body.maxValidity, 'NEVER');
    await page.close();
  });

  test('removing use tokens hides the menu item', async () => {
    const page = await browser.newPage();
    await openAdminPage(page, host);
    await submit(page, '#tab-permissions');
    await page.uncheck('#useTokens-everyone');
    await page.uncheck('#createOwnTokens-everyone');
    await submit(page, '#save-permissions');
    await page.locator('#admin-success').waitFor();
    const codes = await page.locator('#admin-warnings li').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
    assert.deepEqual(codes, ['NOBODY_ALLOWED', 'NOBODY_ALLOWED']);
    assert.equal(await page.isChecked('#useTokens-everyone'), false);

    await browser.context.clearCookies();
    await logInWithBrowser(page, host.url, '/login.jsp', 'alice', alicePassword);
    await page.click('#header-details-user-fullname');
    assert.equal(await page.locator('#apitokenauth-user-tokens').count(), 0, 'the menu item is gone');
    await page.goto(`${host.url}/plugins/servlet/apitokenauth/tokens`);
    await page.locator('#token-no-permission').waitFor();

    await browser.context.clearCookies();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    await openAdminPage(page, host);
    await submit(page, '#tab-permissions');
    await page.check('#useTokens-everyone');
    await page.check('#createOwnTokens-everyone');
    await submit(page, '#save-permissions');
    await page.locator('#admin-success').waitFor();
    assert.equal(await page.locator('#admin-warnings').count(), 0);
    await page.close();
  });
});
