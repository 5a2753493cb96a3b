import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openHostDatabase, type HostDatabase } from '@plughost/host/internal/db/database';
import { jira } from '@plughost/host/internal/product/flavours';
import { runWithRequestContext, type RequestContext } from '@plughost/host/internal/server/request-context';
import { UserDirectory } from '@plughost/host/internal/users/user-directory';
import { DirectoryEvents } from '@plughost/host/internal/users/user-events';

let requestNumber = 0;

/** Runs `fn` as if it served one request of its own. */
function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  requestNumber += 1;
  const context: RequestContext = {
    requestId: `1x${requestNumber}x1`,
    worker: 'http-worker-1',
    path: '/rest/api/2/myself',
    method: 'GET',
    remoteAddress: '127.0.0.1',
    username: undefined,
    sessionHash: undefined,
    channel: 'REST',
    secrets: [],
  };
  return runWithRequestContext(context, fn);
}

describe('UserDirectory request cache', () => {
  let dataDir: string;
  let database: HostDatabase;
  let users: UserDirectory;
  /** Changes a display name behind the directory's back, as another process would. */
  const renameInDatabase = (name: string, displayName: string) =>
    database.sqlite.prepare('update users set display_name = ? where name = ?').run(displayName, name);

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-user-cache-'));
    database = await openHostDatabase(dataDir);
    const events = new DirectoryEvents((error) => {
      throw error;
    });
    users = new UserDirectory(database.db, jira, events, () => new Date('2026-12-04T10:00:00Z'));
    await users.createGroup(jira.defaultUserGroup);
    await users.createGroup('testers');
    await users.createUser({ name: 'Carol', password: 'carol-Secret1', displayName: 'Carol', emailAddress: 'carol@example.com' });
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('one request reads a user once', async () => {
    renameInDatabase('carol', 'Carol');
    await inRequest(async () => {
      assert.equal((await users.getUser('carol'))?.displayName, 'Carol');
      renameInDatabase('carol', 'Carol Renamed');
      assert.equal((await users.getUser('CAROL'))?.displayName, 'Carol', 'the second lookup of the request uses the first result');
    });
    await inRequest(async () => {
      assert.equal((await users.getUser('carol'))?.displayName, 'Carol Renamed', 'the next request reads the database again');
    });
  });

  test('outside a request nothing is cached', async () => {
    renameInDatabase('carol', 'Carol');
    assert.equal((await users.getUser('carol'))?.displayName, 'Carol');
    renameInDatabase('carol', 'Carol Outside');
    assert.equal((await users.getUser('carol'))?.displayName, 'Carol Outside');
  });

  test('parallel requests do not share', async () => {
    renameInDatabase('carol', 'Carol');
    let releaseFirst!: () => void;
    const firstRead = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = inRequest(async () => {
      await users.getUser('carol');
      releaseFirst();
      return (await users.getUser('carol'))?.displayName;
    });
    await firstRead;
    renameInDatabase('carol', 'Carol Parallel');
    const second = await inRequest(async () => (await users.getUser('carol'))?.displayName);
    assert.equal(await first, 'Carol');
    assert.equal(second, 'Carol Parallel');
  });

  test('deactivation within the request is seen', async () => {
    await inRequest(async () => {
      assert.equal((await users.getUser('carol'))?.active, true);
      await users.updateUser('carol', { active: false });
      assert.equal((await users.getUser('carol'))?.active, false);
      await users.updateUser('carol', { active: true });
      assert.equal((await users.getUser('carol'))?.active, true);
    });
  });

  test('deletion within the request is seen', async () => {
    await users.createUser({ name: 'dave', password: 'dave-Secret1', displayName: 'Dave', emailAddress: 'dave@example.com' });
    await inRequest(async () => {
      assert.ok(await users.getUser('dave'));
      await users.deleteUser('dave');
      assert.equal(await users.getUser('dave'), undefined);
    });
  });

  test('membership changes within the request are seen', async () => {
    await inRequest(async () => {
      assert.deepEqual(await users.getGroups('carol'), [jira.defaultUserGroup]);
      await users.addMember('testers', 'carol');
      assert.deepEqual(await users.getGroups('carol'), [jira.defaultUserGroup, 'testers']);
      await users.removeMember('testers', 'carol');
      assert.deepEqual(await users.getGroups('carol'), [jira.defaultUserGroup]);
    });
  });

  test('cached group list cannot be changed by a caller', async () => {
    await inRequest(async () => {
      const groups = await users.getGroups('carol');
      groups.push('intruders');
      assert.deepEqual(await users.getGroups('carol'), [jira.defaultUserGroup]);
    });
  });
});
