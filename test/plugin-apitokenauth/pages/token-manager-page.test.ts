import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NotAllowedError, type PageRequest, type User } from '@plughost/sdk';
import { OneTimeTokenStore } from '@plughost/plugin-apitokenauth/dist/pages/one-time-token-store.js';
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
  let newTokens: OneTimeTokenStore;

  beforeEach(async () => {
    harness = await createHarness();
    newTokens = new OneTimeTokenStore(harness.clock);
    admin = (await harness.users.getUser('admin'))!;
    alice = (await harness.users.getUser('alice'))!;
    helpdesk = harness.users.add('helpdesk', ['helpdesk']);
    const permissions = harness.store.getPermissions();
    await harness.store.savePermissions({ ...permissions, createTokensForOthers: { allowEveryone: false, groups: [adminGroup, 'helpdesk'] } });
  });
  afterEach(async () => {
    await harness.close();
  });

  const page = () => createTokensPage(harness.tokens, newTokens);

  /** Follows the redirect of a create to the page that shows the token. */
  async function followCreate(user: User, values: Record<string, string>) {
    const created = await page().handler(managerRequest(user, 'POST', { action: 'create', ...values }));
    assert.equal(created.kind, 'redirect');
    const location = created.kind === 'redirect' ? created.location : '';
    const createdId = new URL(location, 'http://localhost').searchParams.get('created') ?? '';
    return { location, view: () => page().handler({ ...managerRequest(user, 'GET'), query: { tab: 'manager', created: createdId } }) };
  }

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
    const { view } = await followCreate(helpdesk, { owner: 'alice', description: 'for alice', validity: 'P6M' });
    const context = contextOf(await view());
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

  test('create redirects and shows the token once', async () => {
    const { location, view } = await followCreate(helpdesk, { owner: 'alice', description: 'shown once', validity: 'P6M' });
    assert.match(location, /^\/plugins\/servlet\/apitokenauth\/tokens\?tab=manager&created=[\w-]+$/);
    const first = contextOf(await view());
    assert.match(first.newToken.rawToken, /^pha_/);
    assert.ok(!location.includes(first.newToken.rawToken));

    const reloaded = contextOf(await view());
    assert.equal(reloaded.newToken, undefined);
    assert.equal(reloaded.tokenNoLongerShown, true);
    assert.equal((await harness.tokens.listOwn(alice)).length, 1);
  });

  test('create error names the field in words', async () => {
    const context = contextOf(await page().handler(managerRequest(helpdesk, 'POST', { action: 'create', owner: 'alice', description: ' ', validity: 'P6M' })));
    assert.equal(context.status, 400);
    assert.equal(context.error, 'The token was not created.');
    assert.deepEqual(context.fieldErrors, ['Description: Enter a description, for example the script that uses the token.']);
    assert.equal(context.form.owner, 'alice');
  });

  test('missing owner names the User field', async () => {
    const context = contextOf(await page().handler(managerRequest(helpdesk, 'POST', { action: 'create', owner: '', description: 'x', validity: 'P6M' })));
    assert.deepEqual(context.fieldErrors, ['User: Enter the user name of the user who gets the token.']);
  });

  test('invalid filter error uses field labels', async () => {
    const context = contextOf(await page().handler(managerRequest(helpdesk, 'GET', { limit: 'many' })));
    assert.equal(context.status, 400);
    assert.equal(context.error, 'The tokens were not filtered.');
    assert.match(context.fieldErrors[0], /^Tokens per page: limit "many" is invalid/);
  });
});
