import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { PageClient } from '../../support/session.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createToken, createUser, restBase } from '../support/token-host.js';

describe('token authentication (confluence)', () => {
  let host: TestHost;
  let password: string;

  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
    password = await createUser(host, 'alice');
  });
  after(async () => {
    await host.dispose();
  });

  test('token authenticates current user', async () => {
    const token = await createToken(host, basic('alice', password), { description: 'confluence', validity: 'P6M' });
    const current = await request(`${host.url}/rest/api/user/current`, { auth: basic('alice', token.rawToken) });
    assert.equal(current.status, 200);
    assert.equal(current.body.username, 'alice');
    const bearer = await request(`${host.url}/rest/api/2/myself`, { auth: `Bearer ${token.rawToken}` });
    assert.equal(bearer.status, 200);
    assert.equal(bearer.body.name, 'alice');
  });

  test('admin group may create for others', async () => {
    const options = await request(`${host.url}${restBase}/user/options`, { auth: adminAuth });
    assert.equal(options.status, 200);
    assert.equal(options.body.canCreateTokensForOthers, true);
    const forAlice = await request(`${host.url}${restBase}/user/options`, { auth: basic('alice', password) });
    assert.equal(forAlice.body.canCreateTokensForOthers, false);
  });

  test('Token Manager tab lists and creates', async () => {
    const admin = new PageClient(host.url);
    assert.equal(await admin.login('/login.action', 'admin', adminPassword), 302);
    const page = await admin.get('/plugins/servlet/apitokenauth/tokens?tab=manager');
    assert.equal(page.status, 200);
    const posted = await admin.post('/plugins/servlet/apitokenauth/tokens?tab=manager', {
      atl_token: PageClient.tokenOf(page.text),
      action: 'create',
      owner: 'alice',
      description: 'confluence manager',
      validity: 'P6M',
    });
    assert.equal(posted.status, 302);
    const location = new URL(posted.headers.get('location')!);
    const created = await admin.get(location.pathname + location.search);
    assert.match(created.text, /id="new-token-owner">alice</);
    const listed = await request(`${host.url}${restBase}/user/tokensByFilter?usernames=alice&text=manager`, { auth: adminAuth });
    assert.equal(listed.body.total, 1);
  });
});
