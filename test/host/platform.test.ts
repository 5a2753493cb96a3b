import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../support/test-host.js';
import { basic, request } from '../support/http.js';
import { PageClient } from '../support/session.js';

describe('host platform (jira)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start();
  });
  after(async () => {
    await host.dispose();
  });

  test('status is RUNNING without authentication', async () => {
    const response = await request(`${host.url}/status`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { state: 'RUNNING' });
  });

  test('myself answers the admin profile through Basic auth', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`, { auth: basic('admin', adminPassword) });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'admin');
    assert.equal(response.headers.get('x-ausername'), 'admin');
    assert.equal(response.headers.get('x-seraph-loginreason'), 'OK');
    assert.deepEqual(
      response.body.groups.items.map((group: { name: string }) => group.name),
      ['jira-administrators', 'jira-software-users'],
    );
  });

  test('Basic user name is case-insensitive', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`, { auth: basic('ADMIN', adminPassword) });
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'admin');
  });

  test('myself without credentials is 401 with the contract body', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`);
    assert.equal(response.status, 401);
    assert.deepEqual(response.body, { 'status-code': 401, message: 'Client must be authenticated to access this resource.' });
    assert.equal(response.headers.get('x-ausername'), 'anonymous');
  });

  test('wrong password is 401 with WWW-Authenticate', async () => {
    const response = await request(`${host.url}/rest/api/2/myself`, { auth: basic('nobody-here', 'wrong') });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Basic realm="Jira"');
    assert.equal(response.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
  });

  for (const header of ['Basic', 'Basic !!!notbase64', `Basic ${Buffer.from('no-colon').toString('base64')}`, `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`, 'Negotiate abc', 'Bearer']) {
    test(`malformed Authorization "${header.slice(0, 20)}" is 401`, async () => {
      const response = await request(`${host.url}/rest/api/2/myself`, { auth: header });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
    });
  }

  test('password with colon and UTF-8 authenticates', async () => {
    const password = 'a:b:ç€😀';
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: basic('admin', adminPassword),
      json: { name: 'Colon', password, displayName: 'Colon User', emailAddress: 'colon@example.com' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'colon');
    const response = await request(`${host.url}/rest/api/2/myself`, { auth: basic('colon', password) });
    assert.equal(response.status, 200);
    assert.equal(response.body.displayName, 'Colon User');
  });

  test('malformed JSON is 400 without quoting the body', async () => {
    const response = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: basic('admin', adminPassword),
      headers: { 'content-type': 'application/json' },
      body: '{"name":"x","password":"hunter2-secret"',
    });
    assert.equal(response.status, 400);
    assert.match(response.body.errorMessages[0], /not valid JSON/);
    assert.doesNotMatch(response.text, /hunter2-secret/);
  });

  test('disallowed REST method is 405 JSON with Allow', async () => {
    const response = await request(`${host.url}/rest/api/2/group`, { auth: basic('admin', adminPassword) });
    assert.equal(response.status, 405);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const allow = response.headers.get('allow') ?? '';
    assert.match(allow, /POST/);
    assert.doesNotMatch(allow, /\bGET\b/);
    assert.deepEqual(response.body.errors, {});
    assert.match(response.body.errorMessages[0], /^The method GET is not allowed on \/rest\/api\/2\/group\. Use .*POST/);
  });

  test('body over the limit is 413 naming the limit', async () => {
    const response = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: basic('admin', adminPassword),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'big', padding: 'x'.repeat(1024 * 1024 + 10) }),
    });
    assert.equal(response.status, 413);
    assert.deepEqual(response.body.errorMessages, ['The request body is larger than the limit of 1 MB. Send a smaller body.']);
  });

  test('favicon is served with a caching header', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const response = await fetch(`${host.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml', path);
      assert.match(response.headers.get('cache-control') ?? '', /max-age=\d+/, path);
      assert.match(await response.text(), /^<svg /, path);
    }
    const home = await fetch(`${host.url}/`, { headers: { accept: 'text/html' } });
    assert.match(await home.text(), /<link rel="icon" href="[^"]*\/favicon\.svg"/);
  });

  test('web login starts a session that REST accepts', async () => {
    const client = new PageClient(host.url);
    const status = await client.login('/login.jsp', 'admin', adminPassword);
    assert.equal(status, 302);
    assert.ok(client.cookie('JSESSIONID'));
    const myself = await client.rest('/rest/api/2/myself');
    assert.equal(myself.status, 200);
    assert.equal(myself.body.name, 'admin');
  });

  test('web login with a wrong password shows an error', async () => {
    const client = new PageClient(host.url);
    const status = await client.login('/login.jsp', 'admin', 'not-the-password');
    assert.equal(status, 401);
    assert.equal(client.cookie('JSESSIONID'), undefined);
  });
});
