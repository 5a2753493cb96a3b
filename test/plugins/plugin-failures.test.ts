import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { eventually, fixturePluginsDir, runPluginCli } from '../support/plugin-cli.js';
import { PageClient } from '../support/session.js';
import { adminPassword, TestHost } from '../support/test-host.js';

const admin = basic('admin', adminPassword);

interface PluginJson {
  key: string;
  state: string;
  enabled: boolean;
  failureReason?: string;
}

describe('plugins that fail to start', () => {
  let host: TestHost;
  const plugin = async (key: string) => {
    const list = await request(`${host.url}/rest/plugins/1.0/`, { auth: admin });
    return (list.body.plugins as PluginJson[]).find((candidate) => candidate.key === key);
  };
  const failed = (key: string) => eventually(async () => {
    const found = await plugin(key);
    return found?.state === 'FAILED' ? found : undefined;
  }, `${key} to be recorded as FAILED`);

  before(async () => {
    host = await TestHost.start();
    for (const fixture of ['failing-init', 'unknown-service', 'missing-entry']) {
      const result = await runPluginCli(host.dataDir, 'install', path.join(fixturePluginsDir, fixture));
      assert.equal(result.code, 0, result.stderr);
    }
  });
  after(async () => {
    await host.dispose();
  });

  test('init that throws is FAILED with the reason', async () => {
    const found = await failed('com.example.failing');
    assert.equal(found.enabled, true);
    assert.equal(found.failureReason, 'init failed: the failing plugin refuses to start');
  });

  test('failed init leaves no module behind', async () => {
    await failed('com.example.failing');
    assert.equal((await request(`${host.url}/rest/com.example.failing/1.0/ping`)).status, 404);
  });

  test('unknown service is FAILED naming the service', async () => {
    const found = await failed('com.example.unknownservice');
    assert.match(found.failureReason ?? '', /unknown service example\.weather \(as "weather"\)/);
  });

  test('missing entry is FAILED naming the file', async () => {
    const found = await failed('com.example.missingentry');
    assert.match(found.failureReason ?? '', /the entry dist\/index\.js does not exist/);
  });

  test('CLI list shows the failure reason', async () => {
    await failed('com.example.failing');
    const result = await runPluginCli(host.dataDir, 'list');
    assert.equal(result.code, 0);
    const line = result.stdout.split('\n').find((candidate) => candidate.startsWith('com.example.failing\t'));
    assert.equal(line, 'com.example.failing\t0.0.1\tFAILED\tFailing Init\tinit failed: the failing plugin refuses to start');
  });

  test('Manage apps shows the failure reason', async () => {
    await failed('com.example.failing');
    const browser = new PageClient(host.url);
    await browser.login('/login.jsp', 'admin', adminPassword);
    const page = await browser.get('/plugins/servlet/upm');
    assert.equal(page.status, 200);
    const row = /<tr data-key="com\.example\.failing" data-state="FAILED">[\s\S]*?<\/tr>/.exec(page.text)?.[0] ?? '';
    assert.match(row, /class="message error plugin-failure">init failed: the failing plugin refuses to start</);
  });

  test('host keeps serving other routes', async () => {
    await failed('com.example.failing');
    assert.deepEqual((await request(`${host.url}/status`)).body, { state: 'RUNNING' });
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: admin })).status, 200);
    const browser = new PageClient(host.url);
    assert.equal(await browser.login('/login.jsp', 'admin', adminPassword), 302);
    assert.equal((await browser.get('/')).status, 200);
  });

  test('failed plugin is retried on restart', async () => {
    await failed('com.example.failing');
    const failureLines = () => host.logFile().match(/Plugin com\.example\.failing 0\.0\.1 failed to start: init failed/g)?.length ?? 0;
    const before = failureLines();
    await host.stop();
    host = await TestHost.start({ dataDir: host.dataDir });
    const found = await plugin('com.example.failing');
    assert.equal(found?.state, 'FAILED');
    assert.equal(failureLines(), before + 1);
  });

  test('bundled token plugin is installed and enabled', async () => {
    const found = await plugin('de.resolution.apitokenauth');
    assert.ok(found, 'the bundled plugin is listed');
    assert.equal(found.enabled, true);
    // Its state depends on whether plugin-apitokenauth has been built; either way it has one.
    assert.ok(['ENABLED', 'FAILED'].includes(found.state));
  });

  test('uninstalled bundled plugin stays uninstalled', async () => {
    const removed = await request(`${host.url}/rest/plugins/1.0/de.resolution.apitokenauth-key`, { method: 'DELETE', auth: admin });
    assert.equal(removed.status, 204);
    await host.stop();
    host = await TestHost.start({ dataDir: host.dataDir });
    assert.equal(await plugin('de.resolution.apitokenauth'), undefined);
  });
});
