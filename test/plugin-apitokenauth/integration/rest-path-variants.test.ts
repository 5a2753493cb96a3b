import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../../support/http.js';
import { TestHost } from '../../support/test-host.js';
import { adminAuth, createToken, createUser, myself, pluginKey, restBase } from '../support/token-host.js';

describe('REST path variants and removed users', () => {
  let host: TestHost;
  let alicePassword: string;
  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
  });
  after(async () => {
    await host?.dispose();
  });

  test('case variants of /rest/ reach no route', async () => {
    // With passwords disabled for REST, the admin restores the settings with a token.
    const adminToken = `Bearer ${(await createToken(host, adminAuth, { description: 'restore settings' })).rawToken}`;
    const settings = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    const saved = await request(`${host.url}${restBase}/admin/settings`, {
      method: 'PUT',
      auth: adminAuth,
      json: { ...settings.body, passwordBasicAuthDisabled: true },
    });
    assert.equal(saved.status, 200);

    const alice = basic('alice', alicePassword);
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: alice })).status, 403);
    for (const path of ['/REST/api/2/myself', '/Rest/api/2/myself', '/rest/API/2/myself', '/%72est/api/2/myself', '//rest/api/2/myself']) {
      const response = await request(`${host.url}${path}`, { auth: alice });
      assert.notEqual(response.status, 200, path);
      assert.notEqual(response.status, 500, path);
    }
    const upperPlugins = await request(`${host.url}/REST/plugins/1.0/${pluginKey}-key`, { method: 'PUT', auth: alice, json: { enabled: false } });
    assert.notEqual(upperPlugins.status, 200);

    const restored = await request(`${host.url}${restBase}/admin/settings`, { method: 'PUT', auth: adminToken, json: settings.body });
    assert.equal(restored.status, 200);
  });

  test('user deleted while disabled loses tokens', async () => {
    const bobPassword = await createUser(host, 'bob');
    const token = (await createToken(host, basic('bob', bobPassword), { description: 'before removal' })).rawToken;
    assert.equal((await myself(host, `Bearer ${token}`)).status, 200);

    const setEnabled = (enabled: boolean) =>
      request(`${host.url}/rest/plugins/1.0/${pluginKey}-key`, { method: 'PUT', auth: adminAuth, json: { enabled } });
    assert.equal((await setEnabled(false)).status, 200);
    assert.equal((await request(`${host.url}/rest/api/2/user?username=bob`, { method: 'DELETE', auth: adminAuth })).status, 204);
    assert.equal((await setEnabled(true)).status, 200);
    await createUser(host, 'bob');

    const response = await myself(host, `Bearer ${token}`);
    assert.equal(response.status, 401);
  });
});
