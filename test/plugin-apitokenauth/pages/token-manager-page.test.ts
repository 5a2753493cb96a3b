import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NotAllowedError, type PageRequest, type User } from '@plughost/sdk';
import { createTokensPage } from '@plughost/plugin-apitokenauth/dist/pages/tokens-page.js';
import { adminGroup, createHarness, type PluginHarness } from '../support/plugin-harness.js';

function managerRequest(user: User, method: 'GET' | 'POST', values: Record<string, string> = {}): PageRequest {
  return {
    method,
    path: '/plugins/servlet/apitokenauth/tokens',
    query: method === 'GET' ? { tab: 'manager', ...values } : { tab: 'manager' },
    headers: {},
    remoteAddress: '127.0.0.1',
    user,
    authMethod: 'session',
    requestId: 'r1',
    form: method === 'POST' ? values : {},
    xsrfToken: 'xsrf',
    params: {},
  };
}

function contextOf(result: Awaited<ReturnType<ReturnType<typeof createTokensPage>['handler']>>): any {
  assert.equal(result.kind, 'render');
  return result.kind === 'render' ? { ...result.context, status: result.status } : undefined;
}

describe('Token Manager page handler', () => {
  let harness: PluginHarness;
  let admin: User;
  let alice: User;
  let helpdesk: User;

  beforeEach(async () => {
    harness = await createHarness();
    admin = (await harness.users.getUser('admin'))!;
    alice = (await harness.users.getUser('alice'))!;
    helpdesk = harness.users.add('helpdesk', ['helpdesk']);
    const permissions = harness.store.getPermissions();
    await harness.store.savePermissions({ ...permissions, createTokensForOthers: { allowEveryone: false, groups: [adminGroup, 'helpdesk'] } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const page = () => createTokensPage(harness.tokens);

  test('non-admin manager lists every owner', async () => {
    await harness.tokens.create(admin, { description: 'admin token', validity: 'P1Y' });
    await harness.tokens.create(alice, { description: 'alice token', validity: 'P1Y' });
    const context = contextOf(await page().handler(managerRequest(helpdesk, 'GET')));
    assert.deepEqual(context.list.tokens.map((row: { username: string }) => row.username), ['admin', 'alice']);
    assert.equal(context.list.total, 2);
  });

  test('non-admin manager cannot delete admin tokens', async () => {
    const token = await harness.tokens.create(admin, { description: 'admin token', validity: 'P1Y' });
    await assert.rejects(async () => page().handler(managerRequest(helpdesk, 'POST', { action: 'delete', id: String(token.id) })), NotAllowedError);
    await assert.rejects(async () => page().handler(managerRequest(helpdesk, 'POST', { action: 'delete-all', owner: 'admin' })), NotAllowedError);
    assert.equal((await harness.tokens.listOwn(admin)).length, 1);
  });

  test('create for a user records the owner', async () => {
    const context = contextOf(await page().handler(managerRequest(helpdesk, 'POST', { action: 'create', owner: 'alice', description: 'for alice', validity: 'P6M' })));
    assert.equal(context.newToken.username, 'alice');
    assert.equal(context.newToken.createdBy, 'helpdesk');
    const record = harness.audit.records.at(-1)!;
    assert.equal(record.action, 'API token created');
    assert.deepEqual(record.affectedObjects?.[0], { type: 'USER', name: 'alice' });
  });

  test('lost permission rejects a stale form', async () => {
    await harness.store.savePermissions({ ...harness.store.getPermissions(), createTokensForOthers: { allowEveryone: false, groups: [adminGroup] } });
    await assert.rejects(async () => page().handler(managerRequest(helpdesk, 'POST', { action: 'create', owner: 'alice', description: 'late', validity: 'P6M' })), NotAllowedError);
    await assert.rejects(async () => page().handler(managerRequest(helpdesk, 'GET')), NotAllowedError);
    assert.equal((await harness.tokens.listOwn(alice)).length, 0);
  });

  test('user without the permission gets no tab', async () => {
    await assert.rejects(async () => page().handler(managerRequest(alice, 'GET')), NotAllowedError);
    const own = contextOf(await page().handler({ ...managerRequest(alice, 'GET'), query: {} }));
    assert.equal(own.permissions.canCreateTokensForOthers, false);
  });

  test('deleting the last token of the last page shows the page before', async () => {
    for (let index = 0; index < 3; index++) await harness.tokens.create(alice, { description: `token ${index}`, validity: 'P6M' });
    const [oldest] = (await harness.tokens.listOwn(alice)).slice(-1);
    const context = contextOf(
      await page().handler(managerRequest(admin, 'POST', { action: 'delete-confirmed', id: String(oldest!.id), start: '2', limit: '2' })),
    );
    assert.equal(context.success, 'The token was deleted.');
    assert.equal(context.list.first, 1);
    assert.equal(context.list.tokens.length, 2);
    assert.equal(context.filter.start, '0');
  });
});
