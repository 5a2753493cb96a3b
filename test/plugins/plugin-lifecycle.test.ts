import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { eventually, fixturePluginsDir, runPluginCli } from '../support/plugin-cli.js';
import { tablesWithPrefix } from '../support/plugin-tables.js';
import { PageClient } from '../support/session.js';
import { adminPassword, TestHost } from '../support/test-host.js';

const key = 'com.example.greeter';
/** `AO_` and the first six hex digits of MD5("com.example.greeter"), upper-case. */
const prefix = 'AO_9431C5_';
const bearer = 'Bearer greeter-test-credential';
const admin = basic('admin', adminPassword);

describe('plugin lifecycle', () => {
  let host: TestHost;
  const rest = (subPath: string, options: Parameters<typeof request>[1] = {}) => request(`${host.url}/rest/${key}/1.0${subPath}`, options);
  const pluginState = async () => {
    const list = await request(`${host.url}/rest/plugins/1.0/`, { auth: admin });
    return (list.body.plugins as Array<{ key: string; state: string; enabled: boolean }>).find((plugin) => plugin.key === key);
  };

  before(async () => {
    host = await TestHost.start();
  });
  after(async () => {
    await host.dispose();
  });

  test('CLI install reaches the running host', async () => {
    const result = await runPluginCli(host.dataDir, 'install', path.join(fixturePluginsDir, 'greeter'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Installed com\.example\.greeter 1\.2\.0/);
    const ping = await eventually(async () => {
      const response = await rest('/ping');
      return response.status === 200 ? response : undefined;
    }, 'the greeter REST resource');
    assert.deepEqual(ping.body, { pong: true });
    assert.equal((await pluginState())?.state, 'ENABLED');
  });

  test('REST resource answers under its version', async () => {
    const response = await request(`${host.url}/rest/${key}/1.0/ping`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { pong: true });
  });

  test('latest is the highest mounted version', async () => {
    const latest = await request(`${host.url}/rest/${key}/latest/upgrade-runs`);
    assert.equal(latest.status, 200);
    assert.equal((await request(`${host.url}/rest/${key}/latest/ping`)).status, 404);
  });

  test('upgrade tasks run once in buildNumber order', async () => {
    const response = await request(`${host.url}/rest/${key}/2.0/upgrade-runs`);
    assert.deepEqual(response.body.runs, [1, 2]);
  });

  test('authenticated route refuses anonymous with 401', async () => {
    const response = await rest('/greetings');
    assert.equal(response.status, 401);
    assert.deepEqual(response.body, { 'status-code': 401, message: 'Client must be authenticated to access this resource.' });
  });

  test('admin route refuses a non-admin with 403', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth: admin, json: { name: 'bob', password: 'bob-Pa55word', displayName: 'Bob', emailAddress: 'bob@example.com' } });
    assert.equal(created.status, 201);
    const response = await rest('/admin/prefix', { auth: basic('bob', 'bob-Pa55word') });
    assert.equal(response.status, 403);
    const allowed = await rest('/admin/prefix', { auth: admin });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body, { prefix, adminGroup: 'jira-administrators' });
  });

  test('plugin table lives under its prefix', async () => {
    const created = await rest('/greetings', { method: 'POST', auth: admin, json: { text: 'hello from the test' } });
    assert.equal(created.status, 201);
    const listed = await rest('/greetings', { auth: admin });
    assert.deepEqual(listed.body.greetings, [{ id: created.body.id, text: 'hello from the test' }]);
    assert.deepEqual(tablesWithPrefix(host.dataDir, prefix), [`${prefix}GREETING`, `${prefix}MIGRATIONS`, `${prefix}MIGRATIONS_LOCK`]);
    assert.deepEqual(tablesWithPrefix(host.dataDir, 'greeting'), []);
  });

  test('SDK errors map to their status', async () => {
    const response = await rest('/greetings/999', { auth: admin });
    assert.equal(response.status, 404);
    assert.deepEqual(response.body, { errorMessages: ['greeting not found: 999'], errors: {} });
  });

  test('unsupported method gets 405', async () => {
    const response = await rest('/ping', { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
  });

  test('plugin authenticator authenticates a request', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: bearer } });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'admin');
    assert.equal(response.headers.get('x-ausername'), 'admin');
  });

  test('plugin settings are stored per plugin', async () => {
    const response = await rest('/settings/salutation', { method: 'PUT', auth: admin, json: { value: 'Good day' } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { value: 'Good day' });
  });

  test('page renders in the layout with its menu item', async () => {
    const anonymous = await new PageClient(host.url).get('/plugins/servlet/greeter/hello');
    assert.equal(anonymous.status, 302);
    assert.match(anonymous.headers.get('location') ?? '', /\/login\.jsp\?os_destination=/);

    const browser = new PageClient(host.url);
    assert.equal(await browser.login('/login.jsp', 'admin', adminPassword), 302);
    const page = await browser.get('/plugins/servlet/greeter/hello');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1 id="greeter-title">Hello Administrator<\/h1>/);
    assert.match(page.text, /<p id="greeter-salutation">Good day<\/p>/);
    assert.match(page.text, /id="greeter-menu-item"/);
    assert.match(page.text, /id="header-details-user-fullname"/);
  });

  test('web section appears in admin navigation', async () => {
    const browser = new PageClient(host.url);
    await browser.login('/login.jsp', 'admin', adminPassword);
    const adminHome = await browser.get('/secure/admin');
    assert.equal(adminHome.status, 200);
    assert.match(adminHome.text, /<h3>Greeter administration<\/h3>/);
    assert.match(adminHome.text, /id="greeter-admin-link"/);
  });

  test('disable removes every module', async () => {
    const disabled = await request(`${host.url}/rest/plugins/1.0/${key}-key`, { method: 'PUT', auth: admin, json: { enabled: false } });
    assert.equal(disabled.status, 200);
    assert.deepEqual(disabled.body, { key, name: 'Greeter', version: '1.2.0', enabled: false, state: 'DISABLED' });

    assert.equal((await rest('/ping')).status, 404);
    assert.equal((await request(`${host.url}/rest/${key}/latest/ping`)).status, 404);
    const viaAuthenticator = await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: bearer } });
    assert.equal(viaAuthenticator.status, 401);
    const browser = new PageClient(host.url);
    await browser.login('/login.jsp', 'admin', adminPassword);
    assert.equal((await browser.get('/plugins/servlet/greeter/hello')).status, 404);
    const home = await browser.get('/');
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.text, /greeter-menu-item/);
    const adminHome = await browser.get('/secure/admin');
    assert.doesNotMatch(adminHome.text, /Greeter administration/);
    assert.doesNotMatch(adminHome.text, /greeter-admin-link/);
  });

  test('enable restores modules and data', async () => {
    const enabled = await request(`${host.url}/rest/plugins/1.0/${key}-key`, { method: 'PUT', auth: admin, json: { enabled: true } });
    assert.equal(enabled.status, 200);
    assert.equal(enabled.body.state, 'ENABLED');
    const listed = await rest('/greetings', { auth: admin });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.greetings.map((greeting: { text: string }) => greeting.text), ['hello from the test']);
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: bearer } })).status, 200);
    const upgrades = await request(`${host.url}/rest/${key}/2.0/upgrade-runs`);
    assert.deepEqual(upgrades.body, { runs: [1, 2], stops: 1 });
  });

  test('CLI disable and enable reach the running host', async () => {
    assert.equal((await runPluginCli(host.dataDir, 'disable', key)).code, 0);
    await eventually(async () => ((await rest('/ping')).status === 404 ? true : undefined), 'the resource to go away');
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: bearer } })).status, 401);
    assert.equal((await runPluginCli(host.dataDir, 'enable', key)).code, 0);
    await eventually(async () => ((await rest('/ping')).status === 200 ? true : undefined), 'the resource to come back');
  });

  test('uninstall keeping data keeps the tables', async () => {
    const result = await runPluginCli(host.dataDir, 'uninstall', key);
    assert.equal(result.code, 0, result.stderr);
    await eventually(async () => ((await rest('/ping')).status === 404 ? true : undefined), 'the resource to go away');
    assert.equal(await pluginState(), undefined);
    assert.deepEqual(tablesWithPrefix(host.dataDir, prefix), [`${prefix}GREETING`, `${prefix}MIGRATIONS`, `${prefix}MIGRATIONS_LOCK`]);

    assert.equal((await runPluginCli(host.dataDir, 'install', path.join(fixturePluginsDir, 'greeter'))).code, 0);
    const listed = await eventually(async () => {
      const response = await rest('/greetings', { auth: admin });
      return response.status === 200 ? response : undefined;
    }, 'the reinstalled resource');
    assert.deepEqual(listed.body.greetings.map((greeting: { text: string }) => greeting.text), ['hello from the test']);
  });

  test('uninstall with dropData removes its tables', async () => {
    const response = await request(`${host.url}/rest/plugins/1.0/${key}-key?dropData=true`, { method: 'DELETE', auth: admin });
    assert.equal(response.status, 204);
    assert.equal((await rest('/ping')).status, 404);
    assert.deepEqual(tablesWithPrefix(host.dataDir, prefix), []);
    assert.equal(await pluginState(), undefined);
    const list = await runPluginCli(host.dataDir, 'list');
    assert.doesNotMatch(list.stdout, /com\.example\.greeter/);
  });

  test('plugins list answers without trailing slash', async () => {
    const response = await request(`${host.url}/rest/plugins/1.0`, { auth: admin });
    assert.equal(response.status, 200);
    assert.ok(Array.isArray(response.body.plugins));
  });

  test('plugins REST API needs an admin', async () => {
    assert.equal((await request(`${host.url}/rest/plugins/1.0/`)).status, 401);
    assert.equal((await request(`${host.url}/rest/plugins/1.0/`, { auth: basic('bob', 'bob-Pa55word') })).status, 403);
    const unknown = await request(`${host.url}/rest/plugins/1.0/com.example.nothing-key`, { method: 'PUT', auth: admin, json: { enabled: true } });
    assert.equal(unknown.status, 404);
    const invalid = await request(`${host.url}/rest/plugins/1.0/de.resolution.apitokenauth-key`, { method: 'PUT', auth: admin, json: { enabled: 'yes' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.errors, { enabled: 'must be true or false' });
  });
});
