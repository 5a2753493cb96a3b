import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startHost, type RunningHost } from '@plughost/host';
import { basic, request } from '../support/http.js';
import { eventually, fixturePluginsDir, runPluginCli } from '../support/plugin-cli.js';
import { adminPassword } from '../support/test-host.js';

const key = 'com.example.greeter';
const admin = basic('admin', adminPassword);

describe('plugin lifecycle events', () => {
  let host: RunningHost;
  let dataDir: string;
  const events: Array<{ type: string; key: string; name: string; version: string }> = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-events-'));
    const options = { product: 'jira', port: 0, listen: '127.0.0.1', dataDir, baseUrl: undefined, adminPassword, testClock: false } as const;
    host = await startHost(options, { print: () => undefined, consoleLog: false });
    host.services.pluginEvents.subscribe((event) => {
      if (event.key === key) events.push({ ...event });
    });
  });
  after(async () => {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('CLI install publishes installed and enabled', async () => {
    assert.equal((await runPluginCli(dataDir, 'install', path.join(fixturePluginsDir, 'greeter'))).code, 0);
    await eventually(async () => (events.length >= 2 ? true : undefined), 'two events');
    assert.deepEqual(events.splice(0), [
      { type: 'plugin.installed', key, name: 'Greeter', version: '1.2.0' },
      { type: 'plugin.enabled', key, name: 'Greeter', version: '1.2.0' },
    ]);
  });

  test('REST disable, enable and uninstall publish events', async () => {
    const url = `${host.url}/rest/plugins/1.0/${key}-key`;
    assert.equal((await request(url, { method: 'PUT', auth: admin, json: { enabled: false } })).status, 200);
    assert.equal((await request(url, { method: 'PUT', auth: admin, json: { enabled: true } })).status, 200);
    assert.equal((await request(url, { method: 'DELETE', auth: admin })).status, 204);
    assert.deepEqual(events.splice(0).map((event) => event.type), ['plugin.disabled', 'plugin.enabled', 'plugin.uninstalled']);
  });

  test('listener that throws does not stop the action', async () => {
    const unsubscribe = host.services.pluginEvents.subscribe(() => {
      throw new Error('listener failure for the test');
    });
    try {
      assert.equal((await runPluginCli(dataDir, 'install', path.join(fixturePluginsDir, 'greeter'))).code, 0);
      await eventually(async () => (events.length >= 2 ? true : undefined), 'two events');
      assert.equal((await request(`${host.url}/rest/${key}/1.0/ping`)).status, 200);
    } finally {
      unsubscribe();
    }
  });
});
