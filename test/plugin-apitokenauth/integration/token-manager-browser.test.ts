import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isChromiumInstalled, launchBrowser, logInWithBrowser, type TestBrowser } from '../../support/browser.js';
import { basic } from '../../support/http.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { adminAuth, createToken, createUser, myself } from '../support/token-host.js';

describe('Token Manager tab in a browser (jira)', { skip: !isChromiumInstalled() && 'Chromium is not installed at /usr/bin/chromium' }, () => {
  let host: TestHost;
  let browser: TestBrowser;

  before(async () => {
    host = await TestHost.start();
    await createUser(host, 'alice');
    await createUser(host, 'bob');
    await createToken(host, adminAuth, { description: 'bob deploy', validity: 'P6M', username: 'bob' });
    await createToken(host, adminAuth, { description: 'alice existing', validity: 'P6M', username: 'alice' });
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  });
  after(async () => {
    await browser?.close();
    await host?.dispose();
  });

  test('filter, create for a user, use and delete', async () => {
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    await page.goto(`${host.url}/plugins/servlet/apitokenauth/tokens`);
    await Promise.all([page.waitForURL(/tab=manager/), page.click('#token-manager-tab')]);
    assert.equal(await page.locator('.tabs a.active').textContent(), 'Token Manager');

    await page.fill('#filter-usernames', 'bob');
    await Promise.all([page.waitForURL(/usernames=bob/), page.click('#filter-tokens')]);
    assert.deepEqual(await page.locator('#manager-token-list td.token-owner').allTextContents(), ['bob']);

    await page.fill('#create-owner', 'alice');
    await page.fill('#create-description', 'made in the browser');
    await page.selectOption('#create-validity', 'P1Y');
    await Promise.all([page.waitForLoadState('load'), page.click('#create-for-user')]);
    await page.locator('#new-token-value').waitFor();
    assert.equal(await page.textContent('#new-token-owner'), 'alice');

    await page.click('#copy-token');
    await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^pha_[0-9A-Za-z]{49}$/);
    assert.equal(copied, ((await page.textContent('#new-token-value')) ?? '').trim());
    assert.equal((await myself(host, basic('alice', copied))).status, 200);

    await page.fill('#filter-usernames', 'alice');
    await page.fill('#filter-text', 'browser');
    await Promise.all([page.waitForURL(/text=browser/), page.click('#filter-tokens')]);
    const row = page.locator('#manager-token-list tr', { hasText: 'made in the browser' });
    assert.equal(await page.locator('#manager-token-list tbody tr').count(), 1);
    assert.equal(await row.locator('td.token-owner').textContent(), 'alice');
    assert.ok(!(await page.content()).includes(copied), 'the token is shown a second time');

    await Promise.all([page.waitForLoadState('load'), row.locator('button.delete-token').click()]);
    assert.match((await page.textContent('#delete-confirmation')) ?? '', /Delete the token "made in the browser" of alice\?/);
    await Promise.all([page.waitForLoadState('load'), page.click('#confirm-delete')]);
    await page.locator('#token-success').waitFor();
    assert.equal(await page.locator('#manager-token-list').count(), 0, 'the deleted token is still listed');
    assert.equal(await page.inputValue('#filter-usernames'), 'alice', 'the filter was lost');
    assert.equal((await myself(host, basic('alice', copied))).status, 401);
  });

  test('delete all tokens of a user', async () => {
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    await page.goto(`${host.url}/plugins/servlet/apitokenauth/tokens?tab=manager&usernames=bob`);
    assert.equal(await page.inputValue('#delete-all-owner'), 'bob');
    await Promise.all([page.waitForLoadState('load'), page.click('#delete-all-of-user')]);
    assert.match((await page.textContent('#delete-confirmation')) ?? '', /Delete the only API token of bob\?/);
    await Promise.all([page.waitForLoadState('load'), page.click('#confirm-delete')]);
    assert.match((await page.textContent('#token-success')) ?? '', /1 token was deleted from bob\./);
    assert.equal(await page.textContent('#no-tokens'), 'No tokens match the filter.');
  });
});
