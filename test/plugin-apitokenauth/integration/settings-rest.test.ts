import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { grantWebSudo } from '../../support/websudo.js';
import { adminAuth, createToken, createUser, eventually, myself, restBase } from '../support/token-host.js';

const defaults = {
  maxValidity: 'NEVER',
  ipRestrictions: [],
  reverseProxy: { enabled: false, trustedProxies: [], clientIpHeader: 'X-Forwarded-For' },
  passwordBasicAuthDisabled: false,
};

describe('settings REST and IP restrictions (jira)', () => {
  let host: TestHost;
  let admin: PageClient;
  let alicePassword: string;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    admin = new PageClient(host.url);
    assert.equal(await admin.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(admin, 'jira', adminPassword);
  });
  after(async () => {
    await host.dispose();
  });

  // The admin session is never restricted, so it can always restore the settings.
  const putWithSession = (settings: unknown) => admin.rest(`${restBase}/admin/settings`, { method: 'PUT', json: settings });

  test('GET settings returns the defaults', async () => {
    const response = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, defaults);
  });

  test('settings need an admin', async () => {
    const response = await request(`${host.url}${restBase}/admin/settings`, { auth: basic('alice', alicePassword) });
    assert.equal(response.status, 403);
  });

  test('invalid entries get 400 and nothing is saved', async () => {
    const response = await request(`${host.url}${restBase}/admin/settings`, {
      method: 'PUT',
      auth: adminAuth,
      json: {
        ...defaults,
        maxValidity: 'P1Y',
        ipRestrictions: ['192.0.2.1', '010.0.0.1', '10.0.0.0/33'],
        reverseProxy: { enabled: true, trustedProxies: ['0.0.0.0/0'], clientIpHeader: 'X-Forwarded-For' },
      },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys(response.body.errors).sort(), ['ipRestrictions[1]', 'ipRestrictions[2]', 'reverseProxy.trustedProxies[0]']);
    assert.equal(response.body.errors['ipRestrictions[2]'], 'ipRestrictions[2] "10.0.0.0/33": the prefix length must be 0-32 for IPv4');
    assert.match(response.body.errors['ipRestrictions[1]'], /"010\.0\.0\.1": .*leading zeros/);
    assert.match(response.body.errors['reverseProxy.trustedProxies[0]'], /"0\.0\.0\.0\/0": this entry matches every IPv4 address/);
    assert.match(response.body.errorMessages[0], /not saved because 3 values are invalid/);

    const after = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    assert.deepEqual(after.body, defaults);
  });

  test('saving returns normalised settings and warnings', async () => {
    const response = await putWithSession({ ...defaults, ipRestrictions: [' 192.0.2.0/24 ', '::ffff:198.51.100.9'] });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.settings.ipRestrictions, ['192.0.2.0/24', '198.51.100.9']);
    assert.deepEqual(response.body.warnings.map((warning: { code: string }) => warning.code), ['OWN_ADDRESS_NOT_ALLOWED']);
    assert.match(response.body.warnings[0].message, /your own address 127\.0\.0\.1 is not in the allowed list/);

    const saved = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    assert.equal(saved.status, 403, 'admin Basic auth from 127.0.0.1 is now refused');
    assert.deepEqual((await putWithSession(defaults)).body.settings, defaults);
  });

  test('refused address gets 403 naming it', async () => {
    const token = await createToken(host, basic('alice', alicePassword), { description: 'restricted', validity: 'P1Y' });
    await putWithSession({ ...defaults, ipRestrictions: ['192.0.2.0/24'] });
    try {
      for (const auth of [basic('alice', token.rawToken), `Bearer ${token.rawToken}`, basic('alice', alicePassword)]) {
        const response = await myself(host, auth);
        assert.equal(response.status, 403);
        assert.match(response.text, /client address 127\.0\.0\.1/);
      }
      const sessionCall = await admin.rest('/rest/api/2/myself');
      assert.equal(sessionCall.status, 200, 'browser sessions are not restricted');
    } finally {
      await putWithSession(defaults);
    }
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);
  });

  test('client behind a trusted proxy is resolved', async () => {
    const token = await createToken(host, basic('alice', alicePassword), { description: 'proxied', validity: 'P1Y' });
    await putWithSession({
      ...defaults,
      ipRestrictions: ['203.0.113.0/24'],
      reverseProxy: { enabled: true, trustedProxies: ['127.0.0.1'], clientIpHeader: 'X-Forwarded-For' },
    });
    try {
      const call = (forwardedFor?: string) =>
        request(`${host.url}/rest/api/2/myself`, {
          auth: basic('alice', token.rawToken),
          headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
        });
      assert.equal((await call('203.0.113.7')).status, 200);

      const spoofed = await call('203.0.113.7, 198.51.100.1');
      assert.equal(spoofed.status, 403);
      assert.match(spoofed.text, /client address 198\.51\.100\.1/);

      const withoutHeader = await call();
      assert.equal(withoutHeader.status, 403);
      assert.match(withoutHeader.text, /client address 127\.0\.0\.1/);

      const unknown = await call('unknown');
      assert.equal(unknown.status, 403);
      assert.match(unknown.text, /could not be determined/);
    } finally {
      await putWithSession(defaults);
    }
  });

  test('client-address explains the resolution', async () => {
    await putWithSession({ ...defaults, reverseProxy: { enabled: true, trustedProxies: ['127.0.0.1'], clientIpHeader: 'X-Forwarded-For' } });
    try {
      const response = await admin.rest(`${restBase}/admin/client-address`, { headers: { 'x-forwarded-for': '198.51.100.7, 127.0.0.1' } });
      assert.equal(response.status, 200);
      assert.equal(response.body.clientAddress, '198.51.100.7');
      assert.equal(response.body.allowed, true);
      assert.deepEqual(response.body.steps, [
        'peer 127.0.0.1 is a trusted proxy',
        'X-Forwarded-For element 1 from the right, 127.0.0.1, is a trusted proxy: skipping it',
        'X-Forwarded-For element 2 from the right, 198.51.100.7, is not a trusted proxy: using it',
        'no IP restrictions are set: 198.51.100.7 is allowed',
      ]);
    } finally {
      await putWithSession(defaults);
    }
    const forAlice = await request(`${host.url}${restBase}/admin/client-address`, { auth: basic('alice', alicePassword) });
    assert.equal(forAlice.status, 403);
  });

  test('settings change is audited with from and to', async () => {
    await putWithSession({ ...defaults, maxValidity: 'P6M' });
    await putWithSession(defaults);
    const query = `${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`;
    const record = await eventually(async () => {
      const response = await request(query, { auth: adminAuth });
      return (response.body?.entities as any[] | undefined)?.find(
        (entity) => entity.type.action === 'API token settings changed' && JSON.stringify(entity.changedValues).includes('P6M'),
      );
    }, 'the settings audit record');
    assert.equal(record.author.name, 'admin');
    assert.ok(
      record.changedValues.some((change: { key: string; from: string; to: string }) => change.key === 'maxValidity'),
      JSON.stringify(record.changedValues),
    );
  });
});
