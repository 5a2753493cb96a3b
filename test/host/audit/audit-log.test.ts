import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';

const admin = basic('admin', adminPassword);

interface AuditEntity {
  id: number;
  timestamp: string;
  author: { name: string; type: string };
  type: { area: string; category: string; action: string };
  affectedObjects: Array<{ type: string; name: string }>;
  changedValues: Array<{ key: string; from: string; to: string }>;
  source: string;
  method: string;
}

describe('audit log (jira)', () => {
  let host: TestHost;
  let client: PageClient;

  before(async () => {
    host = await TestHost.start();
    client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
  });
  after(async () => {
    await host.dispose();
  });

  async function events(query: string) {
    const response = await request(`${host.url}/rest/auditing/1.0/events${query}`, { auth: admin });
    assert.equal(response.status, 200, response.text);
    return response.body as { entities: AuditEntity[]; pagingInfo: { offset: number; limit: number; size: number; total: number; lastPage: boolean } };
  }

  test('user created through REST is audited', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      json: { name: 'Newbie', password: 'newbie-Pa55word', displayName: 'New Bie', emailAddress: 'newbie@example.com' },
    });
    assert.equal(created.status, 201);

    const body = await events('?search=newbie&categories=User%20management');
    const record = body.entities.find((entity) => entity.type.action === 'User created');
    assert.ok(record, JSON.stringify(body));
    assert.deepEqual(record.author, { name: 'admin', type: 'user' });
    assert.deepEqual(record.affectedObjects, [{ type: 'USER', name: 'newbie' }]);
    assert.equal(record.source, '127.0.0.1');
    assert.equal(record.method, 'REST');
    assert.deepEqual(record.type, { area: 'USER_MANAGEMENT', category: 'User management', action: 'User created' });
    assert.ok(record.changedValues.some((change) => change.key === 'displayName' && change.to === 'New Bie'));
    assert.equal(record.changedValues.some((change) => change.key === 'password'), false);
    assert.match(record.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const page = await client.get('/auditing/view?search=newbie');
    assert.equal(page.status, 200);
    const row = new RegExp(`<tr data-record-id="${record.id}">[\\s\\S]*?</tr>\\s*(?=<tr data-record-id|</tbody>)`).exec(page.text)?.[0] ?? '';
    assert.match(row, /<td class="author">admin<\/td>/);
    assert.match(row, /<td class="action">User created<\/td>/);
    assert.match(row, /<td class="objects">newbie \(user\)<\/td>/);
    assert.match(row, /<td class="source">127\.0\.0\.1<\/td>/);
  });

  test('user change lists only changed values', async () => {
    const updated = await request(`${host.url}/rest/api/2/user?username=newbie`, {
      method: 'PUT',
      auth: admin,
      json: { displayName: 'Newer Bie', emailAddress: 'newbie@example.com' },
    });
    assert.equal(updated.status, 200);
    const record = (await events('?search=newbie')).entities.find((entity) => entity.type.action === 'User updated');
    assert.deepEqual(record?.changedValues, [{ key: 'displayName', from: 'New Bie', to: 'Newer Bie' }]);

    const page = await client.get('/auditing/view?search=newbie');
    assert.match(page.text, /<summary>Changed values<\/summary>[\s\S]*<td>displayName<\/td><td>New Bie<\/td><td>Newer Bie<\/td>/);
  });

  test('session change is audited with method Browser', async () => {
    const created = await client.rest('/rest/api/2/group', { method: 'POST', json: { name: 'browser-made' } });
    assert.equal(created.status, 201);
    const record = (await events('?search=browser-made')).entities.find((entity) => entity.type.action === 'Group created');
    assert.equal(record?.method, 'Browser');
    assert.deepEqual(record?.author, { name: 'admin', type: 'user' });
  });

  test('membership and deletion are audited', async () => {
    assert.equal((await request(`${host.url}/rest/api/2/group/user?groupname=browser-made`, { method: 'POST', auth: admin, json: { name: 'newbie' } })).status, 201);
    assert.equal((await request(`${host.url}/rest/api/2/group/user?groupname=browser-made&username=newbie`, { method: 'DELETE', auth: admin })).status, 204);
    assert.equal((await request(`${host.url}/rest/api/2/user?username=newbie`, { method: 'DELETE', auth: admin })).status, 204);
    const actions = (await events('?search=newbie')).entities.map((entity) => entity.type.action);
    assert.deepEqual(actions.slice(0, 3), ['User deleted', 'User removed from group', 'User added to group']);
  });

  test('paging walks over 1,000 records newest first', async () => {
    const groups = Array.from({ length: 520 }, (_, index) => `paging-${String(index).padStart(3, '0')}`);
    const batchSize = 20;
    for (let start = 0; start < groups.length; start += batchSize) {
      const batch = groups.slice(start, start + batchSize);
      const statuses = await Promise.all(
        batch.map(async (name) => {
          // The session cookie spares the scrypt check that Basic auth costs on every call.
          const created = await client.rest('/rest/api/2/group', { method: 'POST', json: { name } });
          const deleted = await client.rest(`/rest/api/2/group?groupname=${name}`, { method: 'DELETE' });
          return [created.status, deleted.status];
        }),
      );
      for (const [created, deleted] of statuses) {
        assert.equal(created, 201);
        assert.equal(deleted, 204);
      }
    }

    const first = await events('?search=paging-&limit=1000');
    assert.equal(first.pagingInfo.total, 1040);
    assert.equal(first.entities.length, 1000);
    assert.equal(first.pagingInfo.lastPage, false);
    const second = await events('?search=paging-&limit=1000&offset=1000');
    assert.equal(second.entities.length, 40);
    assert.equal(second.pagingInfo.lastPage, true);

    const all = [...first.entities, ...second.entities];
    assert.equal(new Set(all.map((entity) => entity.id)).size, 1040);
    for (let index = 1; index < all.length; index += 1) {
      const previous = all[index - 1]!;
      const current = all[index]!;
      assert.ok(previous.timestamp > current.timestamp || (previous.timestamp === current.timestamp && previous.id > current.id), `record ${current.id} is out of order`);
    }

    const page = await client.get('/auditing/view?search=paging-&offset=1000');
    assert.equal(page.status, 200);
    assert.match(page.text, /Showing 1001-1040 of 1040 records/);
    assert.equal((page.text.match(/<tr data-record-id=/g) ?? []).length, 40);
    assert.match(page.text, /id="audit-previous"/);
    assert.doesNotMatch(page.text, /id="audit-next"/);
    const firstPage = await client.get('/auditing/view?search=paging-');
    assert.equal((firstPage.text.match(/<tr data-record-id=/g) ?? []).length, 50);
    assert.match(firstPage.text, /id="audit-next" class="button secondary" href="[^"]*offset(=|&#x3D;)50"/);
  });

  test('time range and category filters apply', async () => {
    const now = Date.now();
    const future = await events(`?from=${now + 3_600_000}`);
    assert.equal(future.pagingInfo.total, 0);
    const groups = await events('?categories=Group%20management&limit=5');
    assert.ok(groups.entities.length > 0);
    assert.ok(groups.entities.every((entity) => entity.type.category === 'Group management'));
  });

  for (const [query, field] of [
    ['?limit=abc', 'limit'],
    ['?limit=5000', 'limit'],
    ['?offset=-3', 'offset'],
    ['?from=last-week', 'from'],
    ['?to=2026-99-99', 'to'],
    ['?from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z', 'to'],
  ] as const) {
    test(`REST rejects ${query}`, async () => {
      const response = await request(`${host.url}/rest/auditing/1.0/events${query}`, { auth: admin });
      assert.equal(response.status, 400);
      assert.ok(response.body.errors[field], JSON.stringify(response.body));
      assert.match(response.body.errorMessages[0], new RegExp(field));
    });
  }

  test('page shows invalid filters as a message', async () => {
    const page = await client.get('/auditing/view?from=yesterday');
    assert.equal(page.status, 400);
    assert.match(page.text, /id="audit-error">Invalid from &#x27;yesterday&#x27;/);
  });

  test('audit needs an administrator', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      json: { name: 'viewer', password: 'viewer-Pa55word', displayName: 'Viewer', emailAddress: 'viewer@example.com' },
    });
    assert.equal(created.status, 201);
    assert.equal((await request(`${host.url}/rest/auditing/1.0/events`)).status, 401);
    assert.equal((await request(`${host.url}/rest/auditing/1.0/events`, { auth: basic('viewer', 'viewer-Pa55word') })).status, 403);
    const viewer = new PageClient(host.url);
    assert.equal(await viewer.login('/login.jsp', 'viewer', 'viewer-Pa55word'), 302);
    const page = await viewer.get('/auditing/view');
    assert.equal(page.status, 403);
    assert.doesNotMatch(page.text, /data-record-id/);
  });

  test('records older than the retention are pruned', async () => {
    const before = await events('?limit=1');
    assert.ok(before.pagingInfo.total > 1000);
    // Four years on, every record so far is beyond the three-year retention.
    await host.setClockOffset(4 * 365 * 24 * 3600 * 1000);
    try {
      assert.equal((await request(`${host.url}/rest/api/2/group`, { method: 'POST', auth: admin, json: { name: 'after-prune' } })).status, 201);
      let total = before.pagingInfo.total;
      for (let attempt = 0; attempt < 50 && total > 1; attempt += 1) {
        total = (await events('?limit=1')).pagingInfo.total;
        if (total > 1) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const remaining = await events('');
      assert.deepEqual(remaining.entities.map((entity) => entity.type.action), ['Group created']);
      assert.deepEqual(remaining.entities[0]?.affectedObjects, [{ type: 'GROUP', name: 'after-prune' }]);
    } finally {
      await host.setClockOffset(0);
    }
  });
});
