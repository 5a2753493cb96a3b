import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, logInWithBrowser, type Page, type TestBrowser } from '../support/browser.js';
import { bothFlavours } from '../support/flavour-paths.js';
import { basic, request } from '../support/http.js';
import { adminPassword, TestHost } from '../support/test-host.js';

/**
 * Waits for the page at `url`. When the host first requests the password again (a WebSudo
 * prompt), enters it there and waits for the page it leads back to.
 */
async function reachPage(page: Page, url: string, password: string): Promise<void> {
  await page.waitForLoadState('load');
  if (page.url() === url) return;
  const passwordInput = page.locator('main form input[type=password]');
  assert.equal(await passwordInput.count(), 1, `expected ${url} or a password prompt, got ${page.url()}`);
  await passwordInput.fill(password);
  await Promise.all([page.waitForURL(url), page.click('main form button[type=submit]')]);
}

for (const paths of bothFlavours) {
  describe(`user browser in Chromium (${paths.product})`, () => {
    let host: TestHost;
    let browser: TestBrowser;
    before(async () => {
      host = await TestHost.start({ product: paths.product });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await host?.dispose();
    });

    test('admin creates a user through the form', async () => {
      const page = await browser.newPage();
      await logInWithBrowser(page, host.url, paths.login, 'admin', adminPassword);

      await Promise.all([page.waitForURL((url) => url.pathname !== '/'), page.click('#admin-link')]);
      await reachPage(page, `${host.url}${paths.adminHome}`, adminPassword);
      assert.equal(await page.textContent('aside.admin-nav h3'), paths.userAdminSection);
      await page.click('aside.admin-nav #user_browser');
      await page.waitForURL(`${host.url}${paths.users}`);
      assert.ok(await page.isVisible('#user-row-admin'));

      await page.click('#create-user-section summary');
      await page.fill('#create-user-name', 'Browsed');
      await page.fill('#create-user-password', 'browsed-Secret1');
      await page.fill('#create-user-display-name', 'Browsed <User> "quoted"');
      await page.fill('#create-user-email', 'browsed@example.com');
      await Promise.all([page.waitForURL((url) => url.pathname === paths.user), page.click('#create-user-submit')]);
      assert.match((await page.textContent('#notice')) ?? '', /browsed was created/);
      assert.equal(await page.textContent('#user-display-name'), 'Browsed <User> "quoted"');

      await page.click('#back-to-users');
      await page.waitForURL(`${host.url}${paths.users}`);
      assert.equal(await page.textContent('#user-row-browsed .display-name'), 'Browsed <User> "quoted"');
      assert.equal(await page.textContent('#user-row-browsed .email'), 'browsed@example.com');

      const rest = await request(`${host.url}/rest/api/2/user?username=browsed`, { auth: basic('admin', adminPassword) });
      assert.equal(rest.status, 200);
      assert.deepEqual(rest.body.groups.items, [{ name: paths.userGroup }]);
      await page.close();
    });

    test('create form shows an inline error in the browser', async () => {
      const page = await browser.newPage();
      await logInWithBrowser(page, host.url, paths.login, 'admin', adminPassword);
      await page.goto(`${host.url}${paths.users}`);
      await reachPage(page, `${host.url}${paths.users}`, adminPassword);
      await page.click('#create-user-section summary');
      await page.fill('#create-user-name', 'admin');
      await page.fill('#create-user-password', 'x-Secret1');
      await page.fill('#create-user-display-name', 'Second Admin');
      await page.fill('#create-user-email', 'second@example.com');
      await Promise.all([page.waitForSelector('#create-user-name-error'), page.click('#create-user-submit')]);
      assert.match((await page.textContent('#create-user-name-error')) ?? '', /already exists/);
      assert.equal(await page.inputValue('#create-user-display-name'), 'Second Admin');
      await page.close();
    });
  });
}
