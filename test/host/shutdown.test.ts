import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { openAdminSession } from '../support/admin-session.js';
import { jiraPaths } from '../support/flavour-paths.js';
import { adminPassword, TestHost } from '../support/test-host.js';

describe('SIGTERM with requests in flight', () => {
  const hosts: TestHost[] = [];
  after(async () => {
    for (const host of hosts) await host.stop();
    if (hosts[0]) fs.rmSync(hosts[0].dataDir, { recursive: true, force: true });
  });

  test('every created user survives the restart', async () => {
    const host = await TestHost.start();
    hosts.push(host);
    const auth = basic('admin', adminPassword);
    const names = Array.from({ length: 40 }, (_, index) => `bulk${index}`);

    let finished = 0;
    let firstCreated!: () => void;
    const oneCreated = new Promise<void>((resolve) => (firstCreated = resolve));
    const creations = names.map(async (name) => {
      try {
        const response = await request(`${host.url}/rest/api/2/user`, {
          method: 'POST',
          auth,
          json: { name, password: `${name}-Secret1`, displayName: name, emailAddress: `${name}@example.com` },
        });
        if (response.status === 201) firstCreated();
        return { name, status: response.status };
      } catch (error) {
        // A request that reaches the host after it stopped listening is refused or reset.
        return { name, status: 0, error: String(error) };
      } finally {
        finished += 1;
      }
    });

    await oneCreated;
    const finishedAtSignal = finished;
    const exitCode = host.stop('SIGTERM');
    const results = await Promise.all(creations);
    assert.equal(await exitCode, 0);

    const created = results.filter((result) => result.status === 201).map((result) => result.name);
    assert.ok(finishedAtSignal < names.length, 'some creations were still running at SIGTERM');
    assert.ok(created.length > finishedAtSignal, `requests in flight at SIGTERM finished (${created.length} created, ${finishedAtSignal} before the signal)`);
    for (const result of results) {
      assert.ok([0, 201, 503].includes(result.status), `${result.name} answered ${result.status}`);
    }
    assert.match(host.logFile(), /Stopped/);

    const restarted = await TestHost.start({ dataDir: host.dataDir });
    hosts.push(restarted);
    // One session for the lookups, so each lookup does not cost a password hash.
    const admin = await openAdminSession(restarted.url, jiraPaths, 'admin', adminPassword);
    for (const name of created) {
      const user = await admin.rest(`/rest/api/2/user?username=${name}`);
      assert.equal(user.status, 200, `${name} got 201 before SIGTERM but is missing after the restart`);
    }
    for (const name of created.slice(0, 3)) {
      const login = await request(`${restarted.url}/rest/api/2/myself`, { auth: basic(name, `${name}-Secret1`) });
      assert.equal(login.status, 200, `${name} cannot log in after the restart`);
    }
    assert.equal(await restarted.stop(), 0);

    const again = await TestHost.start({ dataDir: host.dataDir });
    hosts.push(again);
    const secondAdmin = await openAdminSession(again.url, jiraPaths, 'admin', adminPassword);
    for (const name of created) {
      assert.equal((await secondAdmin.rest(`/rest/api/2/user?username=${name}`)).status, 200, `${name} after the second restart`);
    }
  });
});
