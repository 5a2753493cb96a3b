import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NotAllowedError, type PageRequest, type User } from '@plughost/sdk';
import { createTokensPage } from '@plughost/plugin-apitokenauth/dist/pages/tokens-page.js';
import { createHarness, type PluginHarness } from '../support/plugin-harness.js';

function pageRequest(user: User, method: 'GET' | 'POST', form: Record<string, string> = {}): PageRequest {
  return {
    method,
    path: '/plugins/servlet/apitokenauth/tokens',
    query: {},
    headers: {},
    remoteAddress: '127.0.0.1',
    user,
    authMethod: 'session',
    requestId: 'r1',
    form,
    xsrfToken: 'xsrf',
    params: {},
  };
}

describe('tokens page handler', () => {
  let harness: PluginHarness;
  let alice: User;

  beforeEach(async () => {
    harness = await createHarness();
    alice = (await harness.users.getUser('alice'))!;
  });
  afterEach(async () => {
    await harness.close();
  });

  test('lists tokens and validity choices', async () => {
    await harness.tokens.create(alice, { description: 'listed', validity: 'P1Y' });
    const result = await createTokensPage(harness.tokens).handler(pageRequest(alice, 'GET'));
    assert.equal(result.kind, 'render');
    const context = result.kind === 'render' ? (result.context as any) : undefined;
    assert.equal(context.permissions.any, true);
    assert.equal(context.tokens.length, 1);
    assert.equal(context.tokens[0].description, 'listed');
    assert.equal(context.tokens[0].lastUsed, 'Never');
    assert.deepEqual(
      context.validityOptions.map((option: { value: string }) => option.value),
      ['P6M', 'P1Y', 'P2Y', 'NEVER'],
    );
  });

  test('user without permissions gets the info box', async () => {
    const none = { allowEveryone: false, groups: [] };
    await harness.store.savePermissions({ useTokens: none, createOwnTokens: none, createTokensForOthers: none });
    const result = await createTokensPage(harness.tokens).handler(pageRequest(alice, 'GET'));
    assert.equal(result.kind === 'render' && (result.context as any).permissions.any, false);
  });

  test('create posted after losing the permission is 403', async () => {
    const page = createTokensPage(harness.tokens);
    await page.handler(pageRequest(alice, 'GET'));
    await harness.store.savePermissions({ ...harness.store.getPermissions(), createOwnTokens: { allowEveryone: false, groups: [] } });
    await assert.rejects(async () => page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'late', validity: 'P6M' })), NotAllowedError);
    assert.deepEqual(await harness.tokens.listOwn(alice), []);
  });

  test('create shows the raw token once', async () => {
    const page = createTokensPage(harness.tokens);
    const created = await page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'new', validity: 'P6M' }));
    const rawToken = created.kind === 'render' ? (created.context as any).newToken.rawToken : undefined;
    assert.match(rawToken, /^pha_/);
    const again = await page.handler(pageRequest(alice, 'GET'));
    assert.ok(!JSON.stringify(again).includes(rawToken));
  });

  test('delete asks before deleting', async () => {
    const token = await harness.tokens.create(alice, { description: 'to delete', validity: 'P6M' });
    const page = createTokensPage(harness.tokens);
    const confirm = await page.handler(pageRequest(alice, 'POST', { action: 'delete', id: String(token.id) }));
    assert.equal(confirm.kind === 'render' && (confirm.context as any).confirm.action, 'delete-confirmed');
    assert.equal((await harness.tokens.listOwn(alice)).length, 1);
    await page.handler(pageRequest(alice, 'POST', { action: 'delete-confirmed', id: String(token.id) }));
    assert.equal((await harness.tokens.listOwn(alice)).length, 0);
  });

  test('invalid input is shown with status 400', async () => {
    const result = await createTokensPage(harness.tokens).handler(pageRequest(alice, 'POST', { action: 'create', description: '', validity: 'P6M' }));
    assert.equal(result.kind === 'render' && result.status, 400);
    assert.match(result.kind === 'render' ? String((result.context as any).error) : '', /description is empty/);
  });
});
