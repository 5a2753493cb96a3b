import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
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
});
