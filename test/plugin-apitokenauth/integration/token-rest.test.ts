import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createToken, createUser, failedLogins, myself, restBase } from '../support/token-host.js';

describe('token REST and authentication (jira)', () => {
  let host: TestHost;
  const passwords: Record<string, string> = {};

  before(async () => {
    host = await TestHost.start();
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) passwords[name] = await createUser(host, name);
  });
  after(async () => {
    await host.dispose();
  });

  const auth = (name: string) => basic(name, passwords[name]!);

  test('Basic alice:token answers alice', async () => {
    const token = await createToken(host, auth('alice'), { description: 'CI job', validity: 'P1Y' });
    const response = await myself(host, basic('alice', token.rawToken));
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'alice');
    assert.equal(response.headers.get('x-ausername'), 'alice');
    assert.equal(response.headers.get('x-seraph-loginreason'), 'OK');
    assert.equal(response.headers.get('set-cookie'), null, 'a token request opens no session');
  });

  test('Bearer token answers its owner', async () => {
    const token = await createToken(host, auth('alice'), { description: 'Bearer job', validity: 'P6M' });
    const response = await myself(host, `Bearer ${token.rawToken}`);
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'alice');
  });

  test('latest path serves the same resource', async () => {
    const response = await request(`${host.url}/rest/de.resolution.apitokenauth/latest/user/options`, { auth: auth('alice') });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      canUseTokens: true,
      canCreateOwnTokens: true,
      canCreateTokensForOthers: false,
      validityOptions: ['P6M', 'P1Y', 'P2Y', 'NEVER'],
    });
  });

  test('list shows own tokens without raw values', async () => {
    const created = await createToken(host, auth('erin'), { description: 'listed', validity: 'NEVER' });
    const response = await request<any[]>(`${host.url}${restBase}/user/tokens`, { auth: auth('erin') });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, [
      {
        id: created.id,
        username: 'erin',
        description: 'listed',
        createdAt: response.body[0]!.createdAt,
        expiresAt: null,
        lastUsedAt: null,
        lastUsedIp: null,
        createdBy: 'erin',
      },
    ]);
    assert.match(response.body[0]!.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(!response.text.includes(created.rawToken));
  });

  test('another user name with the token is 401 and counted', async () => {
    const token = await createToken(host, auth('alice'), { description: 'not for bob', validity: 'P6M' });
    const before = failedLogins(host, 'bob');
    const response = await myself(host, basic('bob', token.rawToken));
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
    assert.equal(failedLogins(host, 'bob').total, before.total + 1);
  });

  test('deleted token is 401 on the next request', async () => {
    const token = await createToken(host, auth('carol'), { description: 'to delete', validity: 'P6M' });
    assert.equal((await myself(host, basic('carol', token.rawToken))).status, 200);
    const deleted = await request(`${host.url}${restBase}/user/tokens/${token.id}`, { method: 'DELETE', auth: auth('carol') });
    assert.equal(deleted.status, 204);
    const before = failedLogins(host, 'carol');
    assert.equal((await myself(host, basic('carol', token.rawToken))).status, 401);
    assert.equal(failedLogins(host, 'carol').total, before.total + 1);
  });

  test('expired token is 401 and counted', async () => {
    const token = await createToken(host, auth('dave'), { description: 'short', validity: 'P6M' });
    const expiry = new Date(token.expiresAt!).getTime();
    try {
      await host.setClockOffset(expiry - Date.now() - 60_000);
      assert.equal((await myself(host, basic('dave', token.rawToken))).status, 200);
      await host.setClockOffset(expiry - Date.now() + 60_000);
      const before = failedLogins(host, 'dave');
      assert.equal((await myself(host, basic('dave', token.rawToken))).status, 401);
      assert.equal(failedLogins(host, 'dave').total, before.total + 1);
    } finally {
      await host.setClockOffset(0);
    }
  });

  test('token works during CAPTCHA and keeps the count', async () => {
    const token = await createToken(host, auth('frank'), { description: 'captcha', validity: 'P6M' });
    for (let attempt = 0; attempt < 3; attempt++) await myself(host, basic('frank', 'wrong-password'));
    const denied = await myself(host, auth('frank'));
    assert.equal(denied.status, 403);
    const counted = failedLogins(host, 'frank');
    assert.ok(counted.current >= 3);
    const response = await myself(host, basic('frank', token.rawToken));
    assert.equal(response.status, 200);
    assert.equal(failedLogins(host, 'frank').current, counted.current);
  });

  test('deactivated user is refused at once', async () => {
    await createUser(host, 'grace');
    const token = await createToken(host, basic('grace', 'grace-Secret-1'), { description: 'x', validity: 'P6M' });
    assert.equal((await myself(host, basic('grace', token.rawToken))).status, 200);
    const update = await request(`${host.url}/rest/api/2/user?username=grace`, { method: 'PUT', auth: adminAuth, json: { active: false } });
    assert.equal(update.status, 200);
    assert.equal((await myself(host, basic('grace', token.rawToken))).status, 401);
  });

  test('deleted user loses tokens even if re-created', async () => {
    await createUser(host, 'heidi');
    const token = await createToken(host, basic('heidi', 'heidi-Secret-1'), { description: 'x', validity: 'P6M' });
    const removed = await request(`${host.url}/rest/api/2/user?username=heidi`, { method: 'DELETE', auth: adminAuth });
    assert.equal(removed.status, 204);
    await createUser(host, 'heidi');
    assert.equal((await myself(host, basic('heidi', token.rawToken))).status, 401);
    const list = await request(`${host.url}${restBase}/user/tokens`, { auth: basic('heidi', 'heidi-Secret-1') });
    assert.deepEqual(list.body, []);
  });

  test('delete all returns the count', async () => {
    await createUser(host, 'ivan');
    const ivan = basic('ivan', 'ivan-Secret-1');
    await createToken(host, ivan, { description: 'one', validity: 'P6M' });
    await createToken(host, ivan, { description: 'two', validity: 'P6M' });
    const forbidden = await request(`${host.url}${restBase}/user/tokens?username=ivan`, { method: 'DELETE', auth: auth('alice') });
    assert.equal(forbidden.status, 403);
    const response = await request(`${host.url}${restBase}/user/tokens?username=ivan`, { method: 'DELETE', auth: ivan });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { deleted: 2 });
  });

  test('invalid input names the value', async () => {
    const validity = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: auth('alice'), json: { description: 'x', validity: 'P3M' } });
    assert.equal(validity.status, 400);
    assert.match(validity.body.errorMessages[0], /"P3M"/);
    assert.match(validity.body.errors.validity, /P6M, P1Y, P2Y, NEVER/);
    const description = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: auth('alice'), json: { description: 'a\nb' } });
    assert.equal(description.status, 400);
    assert.match(description.body.errors.description, /control characters/);
    const forOthers = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: auth('alice'), json: { description: 'x', username: 'bob' } });
    assert.equal(forOthers.status, 403);
    const unknown = await request(`${host.url}${restBase}/user/tokens/999999`, { method: 'DELETE', auth: auth('alice') });
    assert.equal(unknown.status, 404);
  });

  test('non-admin cannot create for an administrator', async () => {
    const response = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: auth('alice'), json: { description: 'x', username: 'admin' } });
    assert.equal(response.status, 403);
  });

  test('REST without credentials is 401', async () => {
    const response = await request(`${host.url}${restBase}/user/tokens`);
    assert.equal(response.status, 401);
  });
});
