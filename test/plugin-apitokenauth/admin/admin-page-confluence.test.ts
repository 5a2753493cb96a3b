import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { openAdminSession } from '../../support/admin-session.js';
import { confluencePaths } from '../../support/flavour-paths.js';
import type { PageClient } from '../../support/session.js';
import { adminPagePath, postAdminForm, warningCodes } from '../support/admin-page.js';

describe('admin page (confluence)', () => {
  let host: TestHost;
  let admin: PageClient;

  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
    admin = await openAdminSession(host.url, confluencePaths, 'admin', adminPassword);
  });
  after(async () => {
    await host.dispose();
  });

  test('users and security links the page', async () => {
    const home = await admin.get(confluencePaths.adminHome);
    const section = /<h2>Users &amp; Security<\/h2>\s*<ul>(.*?)<\/ul>/s.exec(home.text)?.[1];
    assert.ok(section, 'the admin home page has a Users & Security section');
    assert.match(section, /<a href="[^"]*\/plugins\/servlet\/apitokenauth\/admin">API Token Authentication<\/a>/);
  });

  test('permissions default to confluence-administrators', async () => {
    const page = await admin.get(`${adminPagePath}?tab=permissions`);
    assert.equal(page.status, 200);
    assert.match(page.text, /name="createTokensForOthers-groups" value="confluence-administrators" checked/);

    const saved = await postAdminForm(admin, 'permissions', (token) => ({
      atl_token: token,
      tab: 'permissions',
      'useTokens-allowEveryone': 'on',
      'createOwnTokens-allowEveryone': 'on',
      'createTokensForOthers-groups': ['confluence-users'],
    }));
    assert.equal(saved.status, 200);
    assert.deepEqual(warningCodes(saved.text), ['ADMIN_GROUP_MISSING']);
    assert.match(saved.text, /the administrators group confluence-administrators is not allowed/);
  });
});
