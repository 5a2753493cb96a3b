import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { createUser } from '../../support/users.js';
import { grantWebSudo, webSudoPaths } from '../../support/websudo.js';

const minute = 60 * 1000;
const settingsRest = '/rest/plughost/1.0/settings/security';

async function loggedInAdmin(url: string, loginPath = '/login.jsp'): Promise<PageClient> {
  const client = new PageClient(url);
  assert.equal(await client.login(loginPath, 'admin', adminPassword), 302);
  return client;
}

describe('WebSudo (jira)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start();
    await createUser(host.url, 'erin', 'erin-right-1');
  });
  afterEach(async () => {
    await host.setClockOffset(0);
  });
  after(async () => {
    await host.dispose();
  });

  test('admin page without a grant asks for the password', async () => {
    const client = await loggedInAdmin(host.url);
    const page = await client.get('/secure/admin?tab=x');
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), `${host.url}/secure/admin/WebSudoAuthenticate.jspa?webSudoDestination=%2Fsecure%2Fadmin%3Ftab%3Dx`);

    const prompt = await client.get('/secure/admin/WebSudoAuthenticate.jspa?webSudoDestination=%2Fsecure%2Fadmin%3Ftab%3Dx');
    assert.equal(prompt.status, 200);
    assert.match(prompt.text, /id="websudo-password"/);
    assert.match(prompt.text, /name="webSudoDestination" value="\/secure\/admin\?tab&#x3D;x"/);
  });

  test('wrong password gives no grant', async () => {
    const client = await loggedInAdmin(host.url);
    const response = await grantWebSudo(client, 'jira', 'not-the-password', '/secure/admin');
    assert.equal(response.status, 403);
    assert.match(response.text, /The password is incorrect/);
    assert.equal((await client.get('/secure/admin')).status, 302);
  });

  test('right password returns to the destination', async () => {
    const client = await loggedInAdmin(host.url);
    const response = await grantWebSudo(client, 'jira', adminPassword, '/secure/admin?tab=x');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `${host.url}/secure/admin?tab=x`);

    const page = await client.get('/secure/admin');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="websudo-banner"/);
    assert.match(page.text, /Drop access/);
  });

  test('destination outside the site becomes the start page', async () => {
    const client = await loggedInAdmin(host.url);
    const response = await grantWebSudo(client, 'jira', adminPassword, '//203.0.113.7/steal');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `${host.url}/`);
  });

  test('grant ends after 10 idle minutes', async () => {
    const client = await loggedInAdmin(host.url);
    await grantWebSudo(client, 'jira', adminPassword);
    await host.setClockOffset(9 * minute);
    assert.equal((await client.get('/secure/admin')).status, 200);
    // The request at 9 minutes moved the grant to 19 minutes.
    await host.setClockOffset(18 * minute);
    assert.equal((await client.get('/secure/admin')).status, 200);
    await host.setClockOffset(28 * minute + 30 * 1000);
    const expired = await client.get('/secure/admin');
    assert.equal(expired.status, 302);
    assert.match(expired.headers.get('location') ?? '', /WebSudoAuthenticate\.jspa/);
  });

  test('drop access ends the grant', async () => {
    const client = await loggedInAdmin(host.url);
    await grantWebSudo(client, 'jira', adminPassword);
    const page = await client.get('/secure/admin');
    assert.equal(page.status, 200);

    const dropped = await client.post(webSudoPaths.jira.drop, { atl_token: PageClient.tokenOf(page.text) });
    assert.equal(dropped.status, 302);
    assert.equal((await client.get('/secure/admin')).status, 302);
    assert.equal((await client.rest(settingsRest)).status, 401);
  });

  test('admin REST on a session without a grant is 401', async () => {
    const client = await loggedInAdmin(host.url);
    const refused = await client.rest(settingsRest);
    assert.equal(refused.status, 401);
    assert.match(refused.body.errorMessages[0], /requires WebSudo/);
    assert.equal((await client.rest('/rest/api/2/myself')).status, 200);

    await grantWebSudo(client, 'jira', adminPassword);
    assert.equal((await client.rest(settingsRest)).status, 200);
  });

  test('admin REST with Basic auth needs no grant', async () => {
    const response = await request(`${host.url}${settingsRest}`, { auth: basic('admin', adminPassword) });
    assert.equal(response.status, 200);
    assert.equal(response.body.webSudoEnabled, true);
  });

  test('setting turns WebSudo off', async () => {
    const admin = basic('admin', adminPassword);
    assert.equal((await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, json: { webSudoEnabled: false } })).status, 200);
    try {
      const client = await loggedInAdmin(host.url);
      const page = await client.get('/secure/admin');
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /id="websudo-banner"/);
      assert.equal((await client.rest(settingsRest)).status, 200);
    } finally {
      await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, json: { webSudoEnabled: true } });
    }
  });

  test('timeout setting changes the grant length', async () => {
    const admin = basic('admin', adminPassword);
    assert.equal((await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, json: { webSudoTimeoutMinutes: 2 } })).status, 200);
    try {
      const client = await loggedInAdmin(host.url);
      await grantWebSudo(client, 'jira', adminPassword);
      await host.setClockOffset(3 * minute);
      assert.equal((await client.get('/secure/admin')).status, 302);
    } finally {
      await request(`${host.url}${settingsRest}`, { method: 'PUT', auth: admin, json: { webSudoTimeoutMinutes: 10 } });
    }
  });

  test('non-admin gets no prompt', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'erin', 'erin-right-1'), 302);
    assert.equal((await client.get('/secure/admin')).status, 403);
    assert.equal((await client.get('/secure/admin/WebSudoAuthenticate.jspa')).status, 403);
    assert.equal((await client.rest(settingsRest)).status, 403);
  });
});

describe('WebSudo (confluence)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
  });
  after(async () => {
    await host.dispose();
  });

  test('prompt uses the Confluence path', async () => {
    const client = await loggedInAdmin(host.url, '/login.action');
    const page = await client.get('/admin');
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), `${host.url}/authenticate.action?destination=%2Fadmin`);
    const granted = await grantWebSudo(client, 'confluence', adminPassword, '/admin');
    assert.equal(granted.status, 302);
    assert.equal(granted.headers.get('location'), `${host.url}/admin`);
    assert.equal((await client.get('/admin')).status, 200);
  });
});
