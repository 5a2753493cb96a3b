import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { createUser } from '../../support/users.js';
import { grantWebSudo } from '../../support/websudo.js';

const settingsRest = '/rest/plughost/1.0/settings/security';
const admin = basic('admin', adminPassword);
const defaults = { maxAuthenticationAttempts: 3, webSudoEnabled: true, webSudoTimeoutMinutes: 10 };

describe('security settings (jira)', () => {
  let host: TestHost;
  const settings = async () => (await request(`${host.url}${settingsRest}`, { auth: admin })).body;
  const put = (json: unknown) => request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, json });

  before(async () => {
    host = await TestHost.start();
    await createUser(host.url, 'henry', 'henry-right-1');
  });
  after(async () => {
    await host.dispose();
  });

  test('REST returns the defaults', async () => {
    assert.deepEqual(await settings(), defaults);
  });

  test('REST needs a user, then an admin', async () => {
    const anonymous = await request(`${host.url}${settingsRest}`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, { 'status-code': 401, message: 'Client must be authenticated to access this resource.' });

    const user = await request(`${host.url}${settingsRest}`, { auth: basic('henry', 'henry-right-1') });
    assert.equal(user.status, 403);
    assert.match(user.body.errorMessages[0], /henry is not an administrator/);

    const userPut = await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: basic('henry', 'henry-right-1'), json: { maxAuthenticationAttempts: 0 } });
    assert.equal(userPut.status, 403);
    assert.deepEqual(await settings(), defaults);
  });

  test('other admin resources follow the same rules', async () => {
    assert.equal((await request(`${host.url}/rest/api/2/user?username=henry`)).status, 401);
    assert.equal((await request(`${host.url}/rest/api/2/user?username=henry`, { auth: basic('henry', 'henry-right-1') })).status, 403);
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('henry', 'henry-right-1') })).status, 200);
    assert.equal((await request(`${host.url}/rest/api/2/user?username=henry`, { auth: admin })).status, 200);
  });

  const invalidCases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['negative maximum', { maxAuthenticationAttempts: -1 }, 'maxAuthenticationAttempts', /whole number from 0 to 100, not -1/],
    ['fractional maximum', { maxAuthenticationAttempts: 2.5 }, 'maxAuthenticationAttempts', /whole number from 0 to 100/],
    ['maximum as words', { maxAuthenticationAttempts: 'three' }, 'maxAuthenticationAttempts', /not 'three'/],
    ['zero timeout', { webSudoTimeoutMinutes: 0 }, 'webSudoTimeoutMinutes', /whole number from 1 to 1440, not 0/],
    ['huge timeout', { webSudoTimeoutMinutes: 100000 }, 'webSudoTimeoutMinutes', /from 1 to 1440/],
    ['enabled as text', { webSudoEnabled: 'yes' }, 'webSudoEnabled', /must be true or false, not 'yes'/],
    ['unknown field', { maxAuthenticationAttempt: 5 }, 'maxAuthenticationAttempt', /Unknown setting 'maxAuthenticationAttempt'/],
  ];
  for (const [label, body, field, message] of invalidCases) {
    test(`REST refuses ${label}`, async () => {
      const response = await put(body);
      assert.equal(response.status, 400);
      assert.match(response.body.errors[field], message);
      assert.match(response.body.errorMessages[0], /not saved/);
      assert.deepEqual(await settings(), defaults);
    });
  }

  test('REST saves nothing when one value is invalid', async () => {
    const response = await put({ maxAuthenticationAttempts: 5, webSudoTimeoutMinutes: -3 });
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys(response.body.errors), ['webSudoTimeoutMinutes']);
    assert.deepEqual(await settings(), defaults);
  });

  test('REST refuses a body that is not an object', async () => {
    const response = await put([1, 2]);
    assert.equal(response.status, 400);
    assert.deepEqual(await settings(), defaults);
  });

  test('REST saves and the value survives a restart', async () => {
    const saved = await put({ maxAuthenticationAttempts: 5, webSudoTimeoutMinutes: 30 });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { maxAuthenticationAttempts: 5, webSudoEnabled: true, webSudoTimeoutMinutes: 30 });

    await host.stop();
    host = await TestHost.start({ dataDir: host.dataDir });
    assert.deepEqual(await settings(), { maxAuthenticationAttempts: 5, webSudoEnabled: true, webSudoTimeoutMinutes: 30 });

    assert.equal((await put(defaults)).status, 200);
    const log = host.logFile();
    assert.match(log, /Security settings changed by admin: maxAuthenticationAttempts 3 -> 5, webSudoTimeoutMinutes 10 -> 30/);
  });

  test('page is linked from the System section', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'jira', adminPassword);
    const home = await client.get('/secure/admin');
    assert.equal(home.status, 200);
    assert.match(home.text, /<h3>System<\/h3>\s*<ul><li><a id="security_settings" href="[^"]*\/secure\/admin\/SecuritySettings\.jspa"/);
  });

  test('page shows errors and saves nothing', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'jira', adminPassword);
    const page = await client.get('/secure/admin/SecuritySettings.jspa');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="maxAuthenticationAttempts" name="maxAuthenticationAttempts" value="3"/);

    const refused = await client.post('/secure/admin/SecuritySettings.jspa', {
      atl_token: PageClient.tokenOf(page.text),
      maxAuthenticationAttempts: '<b>x</b>',
      webSudoEnabled: 'true',
      webSudoTimeoutMinutes: '0',
    });
    assert.equal(refused.status, 400);
    assert.match(
      refused.text,
      /id="maxAuthenticationAttempts-error">&quot;Maximum authentication attempts allowed&quot; must be a whole number from 0 to 100, not &#x27;&lt;b&gt;x&lt;\/b&gt;&#x27;\. Enter a number in that range\./,
    );
    assert.match(refused.text, /id="webSudoTimeoutMinutes-error">&quot;WebSudo timeout \(minutes\)&quot; must be a whole number from 1 to 1440/);
    assert.doesNotMatch(refused.text, /maxAuthenticationAttempts must be/);
    assert.doesNotMatch(refused.text, /<b>x<\/b>/);
    assert.deepEqual(await settings(), defaults);

    const saved = await client.post('/secure/admin/SecuritySettings.jspa', {
      atl_token: PageClient.tokenOf(page.text),
      maxAuthenticationAttempts: '4',
      webSudoEnabled: 'true',
      webSudoTimeoutMinutes: '20',
    });
    assert.equal(saved.status, 302);
    const shown = await client.get('/secure/admin/SecuritySettings.jspa?saved=true');
    assert.match(shown.text, /The security settings were saved/);
    assert.match(shown.text, /name="webSudoTimeoutMinutes" value="20"/);
    assert.deepEqual(await settings(), { maxAuthenticationAttempts: 4, webSudoEnabled: true, webSudoTimeoutMinutes: 20 });
  });

  test('page refuses a non-admin', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'henry', 'henry-right-1'), 302);
    assert.equal((await client.get('/secure/admin/SecuritySettings.jspa')).status, 403);
  });
});

describe('security settings (confluence)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
  });
  after(async () => {
    await host.dispose();
  });

  test('page is in the Administration section', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.action', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'confluence', adminPassword);
    const home = await client.get('/admin');
    assert.match(home.text, /<h3>Administration<\/h3>\s*<ul><li><a id="security_settings" href="[^"]*\/admin\/securityconfig\.action"/);
    assert.equal((await client.get('/admin/securityconfig.action')).status, 200);
  });
});
