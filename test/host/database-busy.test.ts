import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { basic, request } from '../support/http.js';
import { openAdminSession } from '../support/admin-session.js';
import { jiraPaths } from '../support/flavour-paths.js';
import { adminPassword, TestHost } from '../support/test-host.js';

/**
 * A second connection holds the write lock of the host's database for longer than the host's
 * busy timeout (5 s), so a write request in between finds the database busy.
 */
describe('busy database', () => {
  let host: TestHost;
  let blocker: Database.Database;
  const auth = basic('admin', adminPassword);

  before(async () => {
    host = await TestHost.start();
    blocker = new Database(path.join(host.dataDir, 'plughost.db'));
  });
  after(async () => {
    if (blocker?.inTransaction) blocker.exec('ROLLBACK');
    blocker?.close();
    await host?.dispose();
  });

  const newUser = (name: string) => ({ name, password: `${name}-Secret1`, displayName: name, emailAddress: `${name}@example.com` });

  test('write during a held lock answers 503 with Retry-After', async () => {
    const client = await openAdminSession(host.url, jiraPaths, 'admin', adminPassword);

    blocker.exec('BEGIN EXCLUSIVE');
    let response;
    try {
      // A session caller writes nothing while authenticating its session, so the lock is met
      // by a later write of the request, at the latest by the user insert.
      response = await client.rest('/rest/api/2/user', { method: 'POST', json: newUser('blocked') });
    } finally {
      blocker.exec('ROLLBACK');
    }
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.match(response.body.errorMessages[0], /database is busy/);

    const status = await request(`${host.url}/status`);
    assert.deepEqual(status.body, { state: 'RUNNING' });
    assert.equal((await request(`${host.url}/rest/api/2/user?username=blocked`, { auth })).status, 404, 'nothing half-saved');
    const retried = await client.rest('/rest/api/2/user', { method: 'POST', json: newUser('blocked') });
    assert.equal(retried.status, 201);
    assert.match(host.logFile(), /found the database busy/);
  });

  test('Basic login during a held lock answers 503', async () => {
    blocker.exec('BEGIN EXCLUSIVE');
    let response;
    try {
      // A successful password check writes the login count, which meets the lock.
      response = await request(`${host.url}/rest/api/2/myself`, { auth });
    } finally {
      blocker.exec('ROLLBACK');
    }
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth })).status, 200);
  });
});
