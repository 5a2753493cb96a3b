import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createUser, myself, pluginKey, restBase } from '../support/token-host.js';
import { jiraDefaultPermissions } from '../support/groups.js';

const legacyKey = 'onlyAdminsMayCreateAndUseTokens';
const adminGroupOnly = { allowEveryone: false, groups: ['jira-administrators'] };

/**
 * Turns a stopped host's database into one written by an older version: the older setting is
 * stored, and the upgrade task is unrecorded, as it was before the task existed.
 */
function writeOlderConfiguration(dataDir: string, settings: Record<string, unknown>): void {
  const database = new Database(path.join(dataDir, 'plughost.db'), { fileMustExist: true });
  try {
    database.prepare('delete from plugin_upgrade_tasks where plugin_key = ?').run(pluginKey);
    const insert = database.prepare('insert or replace into plugin_settings (plugin_key, key, value) values (?, ?, ?)');
    for (const [key, value] of Object.entries(settings)) insert.run(pluginKey, key, JSON.stringify(value));
  } finally {
    database.close();
  }
}

function storedSetting(dataDir: string, key: string): string | undefined {
  const database = new Database(path.join(dataDir, 'plughost.db'), { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare('select value from plugin_settings where plugin_key = ? and key = ?').get(pluginKey, key) as { value: string } | undefined;
    return row?.value;
  } finally {
    database.close();
  }
}

/** Starts a host, lets the plugin create its tables, stops it and writes the older settings. */
async function hostWithOlderSettings(settings: Record<string, unknown>): Promise<{ host: TestHost; alicePassword: string }> {
  const first = await TestHost.start();
  const alicePassword = await createUser(first, 'alice');
  await first.stop();
  writeOlderConfiguration(first.dataDir, settings);
  return { host: await TestHost.start({ dataDir: first.dataDir }), alicePassword };
}

describe('migration of the admins-only setting (jira)', () => {
  const hosts: TestHost[] = [];
  after(async () => {
    for (const host of hosts) await host.dispose();
  });

  test('admins-only becomes the admin group', async () => {
    const { host, alicePassword } = await hostWithOlderSettings({ [legacyKey]: true });
    hosts.push(host);

    const response = await request(`${host.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { useTokens: adminGroupOnly, createOwnTokens: adminGroupOnly, createTokensForOthers: adminGroupOnly });

    const create = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: basic('alice', alicePassword), json: { description: 'x' } });
    assert.equal(create.status, 403, 'alice is no administrator');
    assert.equal(storedSetting(host.dataDir, legacyKey), undefined, 'the older key is removed');
  });

  test('string value "true" is migrated too', async () => {
    const { host } = await hostWithOlderSettings({ [legacyKey]: 'true' });
    hosts.push(host);
    const response = await request(`${host.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.deepEqual(response.body.useTokens, adminGroupOnly);
  });

  test('admins-only false keeps the defaults', async () => {
    const { host, alicePassword } = await hostWithOlderSettings({ [legacyKey]: false });
    hosts.push(host);
    const response = await request(`${host.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.deepEqual(response.body, jiraDefaultPermissions);
    assert.equal(storedSetting(host.dataDir, legacyKey), undefined);
    const create = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: basic('alice', alicePassword), json: { description: 'x' } });
    assert.equal(create.status, 201);
  });

  test('stored permissions win over the older key', async () => {
    const stored = { ...jiraDefaultPermissions, useTokens: { allowEveryone: false, groups: ['jira-software-users'] } };
    const { host } = await hostWithOlderSettings({ [legacyKey]: true, permissions: stored });
    hosts.push(host);
    const response = await request(`${host.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.deepEqual(response.body, stored);
  });

  test('migration runs once', async () => {
    const { host, alicePassword } = await hostWithOlderSettings({ [legacyKey]: true });
    const everyone = { allowEveryone: true, groups: [] };
    const put = await request(`${host.url}${restBase}/admin/permissions`, {
      method: 'PUT',
      auth: adminAuth,
      json: { useTokens: everyone, createOwnTokens: everyone, createTokensForOthers: adminGroupOnly },
    });
    assert.equal(put.status, 200);
    await host.stop();

    const restarted = await TestHost.start({ dataDir: host.dataDir });
    hosts.push(restarted);
    const response = await request(`${restarted.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.deepEqual(response.body.useTokens, everyone);
    assert.equal((await myself(restarted, basic('alice', alicePassword))).status, 200);
  });

  test('fresh install gets the defaults', async () => {
    const host = await TestHost.start();
    hosts.push(host);
    const response = await request(`${host.url}${restBase}/admin/permissions`, { auth: adminAuth });
    assert.deepEqual(response.body, jiraDefaultPermissions);
  });
});
