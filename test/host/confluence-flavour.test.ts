import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openAdminSession } from '../support/admin-session.js';
import { confluencePaths as paths } from '../support/flavour-paths.js';
import { escapeHtml, hasId } from '../support/html.js';
import { basic, request } from '../support/http.js';
import { PageClient } from '../support/session.js';
import { adminPassword, TestHost } from '../support/test-host.js';

describe('confluence flavour', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
  });
  after(async () => {
    await host?.dispose();
  });

  test('login page is /login.action', async () => {
    const client = new PageClient(host.url);
    const page = await client.get('/login.action');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('action="' + host.url + '/login.action"'));
    assert.equal(await client.login('/login.action', 'admin', adminPassword), 302);
    assert.equal((await client.get('/login.jsp')).status, 404, 'the Jira login path does not exist');
  });

  test('admin paths answer in the admin layout', async () => {
    const client = await openAdminSession(host.url, paths, 'admin', adminPassword);
    for (const path of [paths.adminHome, paths.users, paths.groups]) {
      const page = await client.get(path);
      assert.equal(page.status, 200, path);
      assert.ok(page.text.includes(escapeHtml(paths.userAdminSection)), `${path} shows the Users & Security section`);
    }
    const jiraUsers = await client.get('/secure/admin/user/UserBrowser.jspa');
    assert.equal(jiraUsers.status, 404);
  });

  test('admin navigation links the flavour pages', async () => {
    const client = await openAdminSession(host.url, paths, 'admin', adminPassword);
    const home = await client.get(paths.adminHome);
    assert.ok(home.text.includes(`href="${host.url}${paths.users}"`));
    assert.ok(home.text.includes(`href="${host.url}${paths.groups}"`));
  });

  test('default groups are the Confluence ones', async () => {
    const myself = await request(`${host.url}/rest/api/2/myself`, { auth: basic('admin', adminPassword) });
    assert.equal(myself.status, 200);
    assert.deepEqual(
      myself.body.groups.items.map((group: { name: string }) => group.name),
      ['confluence-administrators', 'confluence-users'],
    );
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: basic('admin', adminPassword),
      json: { name: 'kate', password: 'kate-Secret1', displayName: 'Kate', emailAddress: 'kate@example.com' },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.groups.items, [{ name: 'confluence-users' }]);
    const deleteAdmins = await request(`${host.url}/rest/api/2/group?groupname=confluence-administrators`, { method: 'DELETE', auth: basic('admin', adminPassword) });
    assert.equal(deleteAdmins.status, 400);
  });

  test('current user resource', async () => {
    const current = await request(`${host.url}/rest/api/user/current`, { auth: basic('admin', adminPassword) });
    assert.equal(current.status, 200);
    assert.equal(current.body.username, 'admin');
    assert.equal(current.body.displayName, 'Administrator');
    const anonymous = await request(`${host.url}/rest/api/user/current`);
    assert.equal(anonymous.status, 401);
  });

  test('login URL of the CAPTCHA hint is /login.action', async () => {
    await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: basic('admin', adminPassword),
      json: { name: 'luke', password: 'luke-Secret1', displayName: 'Luke', emailAddress: 'luke@example.com' },
    });
    for (let i = 0; i < 3; i += 1) await request(`${host.url}/rest/api/2/myself`, { auth: basic('luke', 'wrong') });
    const denied = await request(`${host.url}/rest/api/2/myself`, { auth: basic('luke', 'luke-Secret1') });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('x-authentication-denied-reason'), `CAPTCHA_CHALLENGE; login-url=${host.url}/login.action`);
  });

  test('user browser lists users with stable ids', async () => {
    const client = await openAdminSession(host.url, paths, 'admin', adminPassword);
    const page = await client.get(paths.users);
    assert.ok(hasId(page.text, 'user-row-admin'));
    assert.ok(hasId(page.text, 'create-user'));
  });
});
