import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Logger } from '@plughost/sdk';
import { openHostDatabase, type HostDatabase } from '@plughost/host/internal/db/database';
import { HostSettings } from '@plughost/host/internal/security/host-settings';
import { HostAuditService } from '@plughost/host/internal/audit/audit-service';
import { AuditStore } from '@plughost/host/internal/audit/audit-store';
import { parseAuditQuery } from '@plughost/host/internal/audit/audit-query';
import { auditPluginEvent } from '@plughost/host/internal/audit/plugin-audit';
import { runWithRequestContext, type RequestContext } from '@plughost/host/internal/server/request-context';

const silentLog: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, isEnabled: () => false };

function requestContext(overrides: Partial<RequestContext>): RequestContext {
  return {
    requestId: '1x1x1',
    worker: 'http-worker-1',
    path: '/rest/api/2/user',
    method: 'POST',
    remoteAddress: '203.0.113.7',
    username: 'alice',
    sessionHash: undefined,
    channel: 'REST',
    secrets: [],
    ...overrides,
  };
}

describe('HostAuditService', () => {
  let dataDir: string;
  let database: HostDatabase;
  let settings: HostSettings;
  let now: Date;
  let audit: HostAuditService;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-audit-'));
    database = await openHostDatabase(dataDir);
    settings = new HostSettings(database.db);
    await settings.load();
    now = new Date('2026-12-04T07:25:04.213Z');
    audit = new HostAuditService(new AuditStore(database.db), settings, () => now, silentLog);
  });

  after(async () => {
    await audit.flush();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function recordById(id: number) {
    const page = await audit.store.find(parseAuditQuery({ limit: '1000' }));
    return page.records.find((record) => record.id === id);
  }

  test('plugin event is written and read back', async () => {
    const id = await auditPluginEvent(audit, { type: 'plugin.enabled', key: 'de.resolution.apitokenauth', name: 'API Token Authentication', version: '1.4.0' });
    const record = await recordById(id);
    assert.ok(record);
    assert.deepEqual(record.type, { area: 'ECOSYSTEM', category: 'Apps', action: 'App enabled' });
    assert.deepEqual(record.affectedObjects, [{ type: 'APP', name: 'API Token Authentication', id: 'de.resolution.apitokenauth' }]);
    assert.deepEqual(record.attributes, { key: 'de.resolution.apitokenauth', version: '1.4.0' });
    assert.deepEqual(record.author, { name: 'System', type: 'system' });
    assert.equal(record.method, 'System');
    assert.equal(record.source, '');
    assert.equal(record.timestamp, '2026-12-04T07:25:04.213Z');
  });

  test('request user, address and channel fill a record', async () => {
    const id = await runWithRequestContext(requestContext({ channel: 'Browser' }), () =>
      audit.record({ category: 'User management', action: 'User created', affectedObjects: [{ type: 'USER', name: 'bob' }] }),
    );
    const record = await recordById(id);
    assert.deepEqual(record?.author, { name: 'alice', type: 'user' });
    assert.equal(record?.source, '203.0.113.7');
    assert.equal(record?.method, 'Browser');
  });

  test('anonymous request gets an anonymous author', async () => {
    const id = await runWithRequestContext(requestContext({ username: undefined }), () => audit.record({ category: 'Security', action: 'Login failed' }));
    const record = await recordById(id);
    assert.deepEqual(record?.author, { name: 'anonymous', type: 'anonymous' });
    assert.equal(record?.method, 'REST');
  });

  test('unchanged values are left out', async () => {
    const id = await audit.record({
      category: 'User management',
      action: 'User updated',
      changedValues: [
        { key: 'displayName', from: 'Bob', to: 'Robert' },
        { key: 'emailAddress', from: 'bob@example.com', to: 'bob@example.com' },
      ],
    });
    const record = await recordById(id);
    assert.deepEqual(record?.changedValues, [{ key: 'displayName', from: 'Bob', to: 'Robert' }]);
  });

  test('overrides replace the derived fields', async () => {
    const id = await audit.record(
      { category: 'Security', action: 'Token used' },
      { author: { name: 'carol', type: 'user' }, source: '198.51.100.2', method: 'REST' },
    );
    const record = await recordById(id);
    assert.deepEqual(record?.author, { name: 'carol', type: 'user' });
    assert.equal(record?.source, '198.51.100.2');
    assert.equal(record?.method, 'REST');
  });

  test('plugin audit service names the plugin', async () => {
    await audit.forPlugin('com.example.hello').record({ category: 'Hello', action: 'Greeted', attributes: { count: '3' } });
    const page = await audit.store.find(parseAuditQuery({ categories: 'Hello' }));
    assert.equal(page.total, 1);
    assert.deepEqual(page.records[0]?.attributes, { count: '3', plugin: 'com.example.hello' });
    assert.equal(page.records[0]?.type.area, 'ECOSYSTEM');
  });

  test('search matches objects case-insensitively and literally', async () => {
    await audit.record({ category: 'Group management', action: 'Group created', affectedObjects: [{ type: 'GROUP', name: 'Sales_100%' }] });
    assert.equal((await audit.store.find(parseAuditQuery({ search: 'SALES_100%' }))).total, 1);
    // As LIKE wildcards, `_` would match the `-` and `%` would match `ales_10`.
    assert.equal((await audit.store.find(parseAuditQuery({ search: 'sales-100' }))).total, 0);
    assert.equal((await audit.store.find(parseAuditQuery({ search: 's%0' }))).total, 0);
  });

  test('time range filters by timestamp', async () => {
    const id = await audit.record({ category: 'Range', action: 'Old' }, { timestamp: new Date('2026-01-01T00:00:00Z') });
    const inRange = await audit.store.find(parseAuditQuery({ from: '2025-12-31T00:00:00Z', to: '2026-01-02T00:00:00Z' }));
    assert.deepEqual(inRange.records.map((record) => record.id), [id]);
    const after = await audit.store.find(parseAuditQuery({ from: String(Date.parse('2026-01-02T00:00:00Z')), categories: 'Range' }));
    assert.equal(after.total, 0);
  });

  test('prune deletes records older than the retention', async () => {
    const old = await audit.record({ category: 'Prune', action: 'Old' }, { timestamp: new Date(now.getTime() - 4 * 365 * 24 * 3600 * 1000) });
    const recent = await audit.record({ category: 'Prune', action: 'Recent' });
    await audit.flush();
    await audit.prune();
    assert.equal(await recordById(old), undefined);
    assert.ok(await recordById(recent));
  });

  test('prune keeps only the newest records beyond the cap', async () => {
    await settings.set('auditMaxRecords', 5);
    try {
      const ids: number[] = [];
      for (let index = 0; index < 8; index += 1) ids.push(await audit.record({ category: 'Cap', action: `Record ${index}` }));
      await audit.flush();
      await audit.prune();
      const page = await audit.store.find(parseAuditQuery({}));
      assert.equal(page.total, 5);
      assert.deepEqual(page.records.map((record) => record.id).sort((a, b) => a - b), ids.slice(-5));
    } finally {
      await settings.set('auditMaxRecords', 1_000_000);
    }
  });
});

describe('parseAuditQuery', () => {
  test('defaults without parameters', () => {
    assert.deepEqual(parseAuditQuery({}), { limit: 200, offset: 0, search: undefined, categories: [], from: undefined, to: undefined });
  });

  test('categories split on commas', () => {
    assert.deepEqual(parseAuditQuery({ categories: 'Apps, User management,,Apps' }).categories, ['Apps', 'User management']);
  });

  for (const [name, value] of [
    ['limit', '0'],
    ['limit', '1001'],
    ['limit', 'ten'],
    ['offset', '-1'],
    ['offset', '1.5'],
    ['from', 'yesterday'],
    ['to', '2026-13-45'],
    ['search', 'x'.repeat(256)],
  ] as const) {
    test(`invalid ${name} '${value.slice(0, 12)}' is rejected`, () => {
      assert.throws(() => parseAuditQuery({ [name]: value }), (error: Error & { fieldErrors?: Record<string, string> }) => {
        assert.ok(error.fieldErrors?.[name], `no field error for ${name}`);
        return true;
      });
    });
  }

  test('range ending before it starts is rejected', () => {
    assert.throws(() => parseAuditQuery({ from: '2026-12-05T00:00:00Z', to: '2026-12-04T00:00:00Z' }), /before it starts/);
  });

  test('repeated parameter is rejected', () => {
    assert.throws(() => parseAuditQuery({ limit: ['1', '2'] }), /give it once/);
  });
});
