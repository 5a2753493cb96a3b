import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../../support/http.js';
import { readLoginCounts } from '../../support/login-counts.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { createUser, waitForLogLine } from '../../support/users.js';

const myself = '/rest/api/2/myself';

describe('failed logins and CAPTCHA denial (jira)', () => {
  let host: TestHost;
  const admin = basic('admin', adminPassword);

  before(async () => {
    host = await TestHost.start();
    await createUser(host.url, 'alice', 'alice-right-1');
    await createUser(host.url, 'bob', 'bob-right-1');
    await createUser(host.url, 'carol', 'carol-right-1');
  });
  after(async () => {
    await host.dispose();
  });

  test('three wrong passwords then the right one is denied', async () => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const wrong = await request(`${host.url}${myself}`, { auth: basic('alice', `wrong-${attempt}`) });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
      assert.equal(wrong.headers.get('x-authentication-denied-reason'), null);
    }
    assert.deepEqual(readLoginCounts(host.dataDir, 'alice'), { current: 3, total: 3 });

    const denied = await request(`${host.url}${myself}`, { auth: basic('alice', 'alice-right-1') });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('x-seraph-loginreason'), 'AUTHENTICATION_DENIED');
    assert.equal(denied.headers.get('x-authentication-denied-reason'), `CAPTCHA_CHALLENGE; login-url=${host.url}/login.jsp`);
    assert.equal(denied.headers.get('x-ausername'), 'anonymous');
    assert.deepEqual(readLoginCounts(host.dataDir, 'alice'), { current: 4, total: 4 });
  });

  test('admin reset lets the right password work', async () => {
    const reset = await request(`${host.url}/rest/plughost/1.0/users/alice/reset-failed-logins`, { method: 'POST', auth: admin, json: {} });
    assert.equal(reset.status, 200);
    assert.deepEqual(reset.body, { name: 'alice', failedLoginCurrent: 0, previousFailedLoginCurrent: 4 });
    assert.deepEqual(readLoginCounts(host.dataDir, 'alice'), { current: 0, total: 4 });

    const response = await request(`${host.url}${myself}`, { auth: basic('alice', 'alice-right-1') });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-seraph-loginreason'), 'OK');
    assert.equal(readLoginCounts(host.dataDir, 'alice').current, 0);
  });

  test('successful login sets the current count to 0', async () => {
    await request(`${host.url}${myself}`, { auth: basic('carol', 'wrong') });
    await request(`${host.url}${myself}`, { auth: basic('carol', 'wrong') });
    assert.deepEqual(readLoginCounts(host.dataDir, 'carol'), { current: 2, total: 2 });
    const response = await request(`${host.url}${myself}`, { auth: basic('carol', 'carol-right-1') });
    assert.equal(response.status, 200);
    assert.deepEqual(readLoginCounts(host.dataDir, 'carol'), { current: 0, total: 2 });
  });

  test('20 parallel wrong passwords count exactly 20', async () => {
    const before = readLoginCounts(host.dataDir, 'bob');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => request(`${host.url}${myself}`, { auth: basic('bob', `wrong-${index}`) })),
    );
    for (const response of responses) assert.ok([401, 403].includes(response.status), `status ${response.status}`);
    const counted = readLoginCounts(host.dataDir, 'bob');
    assert.equal(counted.total - before.total, 20);
    assert.equal(counted.current - before.current, 20);
  });

  test('reset needs an admin and a known user', async () => {
    const anonymous = await request(`${host.url}/rest/plughost/1.0/users/bob/reset-failed-logins`, { method: 'POST', json: {} });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, { 'status-code': 401, message: 'Client must be authenticated to access this resource.' });

    const notAdmin = await request(`${host.url}/rest/plughost/1.0/users/bob/reset-failed-logins`, { method: 'POST', auth: basic('alice', 'alice-right-1'), json: {} });
    assert.equal(notAdmin.status, 403);
    assert.ok(readLoginCounts(host.dataDir, 'bob').current > 0);

    const unknown = await request(`${host.url}/rest/plughost/1.0/users/nobody-here/reset-failed-logins`, { method: 'POST', auth: admin, json: {} });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.errorMessages[0], /nobody-here/);
  });

  test('maximum 0 turns the denial off', async () => {
    assert.ok(readLoginCounts(host.dataDir, 'bob').current >= 3);
    const off = await request(`${host.url}/rest/plughost/1.0/settings/security`, { method: 'PUT', auth: admin, json: { maxAuthenticationAttempts: 0 } });
    assert.equal(off.status, 200);
    try {
      const response = await request(`${host.url}${myself}`, { auth: basic('bob', 'bob-right-1') });
      assert.equal(response.status, 200);
      assert.equal(readLoginCounts(host.dataDir, 'bob').current, 0);
    } finally {
      await request(`${host.url}/rest/plughost/1.0/settings/security`, { method: 'PUT', auth: admin, json: { maxAuthenticationAttempts: 3 } });
    }
  });

  test('security log records outcomes without passwords', async () => {
    const log = await waitForLogLine(() => host.logFile(), /denied for user alice/);
    assert.match(log, /\[com\.plughost\.security\] Password authentication/);
    assert.match(log, /Password authentication failed for user alice through an Authorization header: wrong password, 1 failed logins/);
    assert.match(log, /Password authentication denied for user alice through an Authorization header: 4 failed logins, maximum 3/);
    assert.match(log, /Password authentication passed for user alice through an Authorization header/);
    assert.match(log, /Administrator admin reset the failed login count of user alice \(was 4\)/);
    for (const secret of ['alice-right-1', 'bob-right-1', 'wrong-1', adminPassword]) {
      assert.ok(!log.includes(secret), `the log contains ${secret}`);
    }
  });
});

describe('failed logins and CAPTCHA denial (confluence)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
    await createUser(host.url, 'dave', 'dave-right-1');
  });
  after(async () => {
    await host.dispose();
  });

  test('denial names the Confluence login URL', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) await request(`${host.url}${myself}`, { auth: basic('dave', 'wrong') });
    const denied = await request(`${host.url}${myself}`, { auth: basic('dave', 'dave-right-1') });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('x-authentication-denied-reason'), `CAPTCHA_CHALLENGE; login-url=${host.url}/login.action`);
    assert.deepEqual(readLoginCounts(host.dataDir, 'dave'), { current: 4, total: 4 });
  });
});
