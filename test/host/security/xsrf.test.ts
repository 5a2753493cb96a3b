import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { grantWebSudo } from '../../support/websudo.js';

const settingsPage = '/secure/admin/SecuritySettings.jspa';
const settingsRest = '/rest/plughost/1.0/settings/security';
const admin = basic('admin', adminPassword);

describe('XSRF protection (jira)', () => {
  let host: TestHost;
  let client: PageClient;

  const currentSettings = async () => (await request(`${host.url}${settingsRest}`, { auth: admin })).body;
  const userExists = async (name: string) => (await request(`${host.url}/rest/api/2/user?username=${name}`, { auth: admin })).status === 200;

  before(async () => {
    host = await TestHost.start();
    client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
    assert.equal((await grantWebSudo(client, 'jira', adminPassword)).status, 302);
  });
  after(async () => {
    await host.dispose();
  });

  const changes = { maxAuthenticationAttempts: '7', webSudoEnabled: 'true', webSudoTimeoutMinutes: '15' };

  for (const [label, token] of [['missing', undefined], ['wrong', 'a'.repeat(40)], ['empty', '']] as const) {
    test(`page POST with ${label} token changes nothing`, async () => {
      const before = await currentSettings();
      const fields: Record<string, string> = { ...changes };
      if (token !== undefined) fields.atl_token = token;
      const response = await client.post(settingsPage, fields);
      assert.equal(response.status, 403);
      assert.match(response.text, /<h1>XSRF Security Token Missing<\/h1>/);
      assert.deepEqual(await currentSettings(), before);
    });
  }

  test('page POST with the token saves', async () => {
    const page = await client.get(settingsPage);
    assert.equal(page.status, 200);
    const response = await client.post(settingsPage, { ...changes, atl_token: PageClient.tokenOf(page.text) });
    assert.equal(response.status, 302);
    assert.deepEqual(await currentSettings(), { maxAuthenticationAttempts: 7, webSudoEnabled: true, webSudoTimeoutMinutes: 15 });
  });

  test('token of another session is refused', async () => {
    const other = new PageClient(host.url);
    assert.equal(await other.login('/login.jsp', 'admin', adminPassword), 302);
    const otherToken = PageClient.tokenOf((await other.get('/')).text.replace(/<meta name="atlassian-token" content="([^"]+)">/, '<input name="atl_token" value="$1">'));
    const response = await client.post(settingsPage, { ...changes, maxAuthenticationAttempts: '9', atl_token: otherToken });
    assert.equal(response.status, 403);
    assert.equal((await currentSettings()).maxAuthenticationAttempts, 7);
  });

  test('login POST without a token is refused', async () => {
    const anonymous = new PageClient(host.url);
    const response = await anonymous.post('/login.jsp', { os_username: 'admin', os_password: adminPassword });
    assert.equal(response.status, 403);
    assert.match(response.text, /XSRF Security Token Missing/);
    assert.equal(anonymous.cookie('JSESSIONID'), undefined);
  });

  const userBody = (name: string) => JSON.stringify({ name, password: 'Pa55word-long', displayName: name, emailAddress: `${name}@example.com` });

  for (const [label, contentType] of [
    ['form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=xyz'],
    ['text/plain', 'text/plain;charset=UTF-8'],
  ] as const) {
    test(`REST POST with ${label} content type is refused`, async () => {
      const name = `xsrf-${label.replace(/\W/g, '')}`;
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const response = await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth: admin, headers, body: userBody(name) });
      assert.equal(response.status, 403);
      assert.deepEqual(response.body, { errorMessages: ['XSRF check failed'], errors: {} });
      assert.equal(await userExists(name), false);
    });
  }

  test('REST POST without content type is refused', async () => {
    // fetch adds text/plain to a string body, so this request is written with node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const body = userBody('xsrf-missing');
      const outgoing = http.request(`${host.url}/rest/api/2/user`, { method: 'POST', headers: { authorization: admin, 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    assert.equal(status, 403);
    assert.equal(await userExists('xsrf-missing'), false);
  });

  test('REST PUT with text/plain is refused', async () => {
    const response = await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, headers: { 'content-type': 'text/plain' }, body: '{"maxAuthenticationAttempts":1}' });
    assert.equal(response.status, 403);
    assert.equal((await currentSettings()).maxAuthenticationAttempts, 7);
  });

  test('REST no-check header lets text/plain through', async () => {
    const response = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      headers: { 'content-type': 'text/plain', 'x-atlassian-token': 'no-check' },
      body: userBody('xsrf-nocheck'),
    });
    assert.notEqual(response.status, 403);
    // The host reads only JSON bodies as objects, so the text body is refused as an unsupported media type, not by XSRF.
    assert.equal(response.status, 415);
  });

  test('REST JSON passes without the header', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth: admin, json: JSON.parse(userBody('xsrf-json')) });
    assert.equal(created.status, 201);
    const deleted = await request(`${host.url}/rest/api/2/user?username=xsrf-json`, { method: 'DELETE', auth: admin });
    assert.equal(deleted.status, 204);
    assert.equal(await userExists('xsrf-json'), false);
  });

  test('REST GET never needs the header', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`, { auth: admin, headers: { 'content-type': 'text/plain' } });
    assert.equal(response.status, 200);
  });
});
