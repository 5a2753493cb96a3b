import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NotFoundError } from '@plughost/sdk';
import { openHostDatabase, type HostDatabase } from '@plughost/host/internal/db/database';
import { jira } from '@plughost/host/internal/product/flavours';
import { FailedLoginReset } from '@plughost/host/internal/users/failed-login-reset';
import { LoginCounters } from '@plughost/host/internal/users/login-counters';
import { UserDirectory } from '@plughost/host/internal/users/user-directory';
import { DirectoryEvents, type DirectoryEvent } from '@plughost/host/internal/users/user-events';

describe('FailedLoginReset', () => {
  let dataDir: string;
  let database: HostDatabase;
  let users: UserDirectory;
  let counters: LoginCounters;
  let reset: FailedLoginReset;
  const published: DirectoryEvent[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-reset-'));
    database = await openHostDatabase(dataDir);
    const now = () => new Date('2026-12-04T10:00:00Z');
    const events = new DirectoryEvents((error) => {
      throw error;
    });
    users = new UserDirectory(database.db, jira, events, now);
    counters = new LoginCounters(database.db, now);
    reset = new FailedLoginReset(counters, events);
    users.subscribe((event) => {
      published.push(event);
    });
    await users.createGroup(jira.defaultUserGroup);
    await users.createUser({ name: 'Mallory', password: 'mallory-Secret1', displayName: 'Mallory', emailAddress: 'm@example.com' });
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('reset publishes the previous count', async () => {
    for (let i = 0; i < 4; i += 1) await counters.recordFailure('mallory');
    published.length = 0;

    const from = await reset.reset('MALLORY');

    assert.equal(from, 4);
    assert.deepEqual(published, [{ type: 'user.failedLoginReset', username: 'mallory', from: 4 }]);
    const details = await users.getUserDetails('mallory');
    assert.equal(details?.failedLoginCurrent, 0);
    assert.equal(details?.failedLoginTotal, 4);
  });

  test('reset of unknown user is NotFoundError', async () => {
    published.length = 0;
    await assert.rejects(reset.reset('nobody'), NotFoundError);
    assert.deepEqual(published, []);
  });
});
