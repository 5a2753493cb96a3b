import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NotAllowedError, type PageRequest, type User } from '@plughost/sdk';
import { OneTimeTokenStore, oneTimeTokenLifetimeMs } from '@plughost/plugin-apitokenauth/dist/pages/one-time-token-store.js';
import { createTokensPage } from '@plughost/plugin-apitokenauth/dist/pages/tokens-page.js';
import { createHarness, type PluginHarness } from '../support/plugin-harness.js';

function pageRequest(user: User, method: 'GET' | 'POST', form: Record<string, string> = {}, query: Record<string, string> = {}): PageRequest {
  return {
    method,
    path: '/plugins/servlet/apitokenauth/tokens',
    query,
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
  let newTokens: OneTimeTokenStore;

  beforeEach(async () => {
    harness = await createHarness();
    newTokens = new OneTimeTokenStore(harness.clock);
    alice = (await harness.users.getUser('alice'))!;
  });
  afterEach(async () => {
    await harness.close();
  });

  test('lists tokens and validity choices', async () => {
    await harness.tokens.create(alice, { description: 'listed', validity: 'P1Y' });
    const result = await createTokensPage(harness.tokens, newTokens).handler(pageRequest(alice, 'GET'));
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
    const result = await createTokensPage(harness.tokens, newTokens).handler(pageRequest(alice, 'GET'));
    assert.equal(result.kind === 'render' && (result.context as any).permissions.any, false);
  });

  test('create posted after losing the permission is 403', async () => {
    const page = createTokensPage(harness.tokens, newTokens);
    await page.handler(pageRequest(alice, 'GET'));
    await harness.store.savePermissions({ ...harness.store.getPermissions(), createOwnTokens: { allowEveryone: false, groups: [] } });
    await assert.rejects(async () => page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'late', validity: 'P6M' })), NotAllowedError);
    assert.deepEqual(await harness.tokens.listOwn(alice), []);
  });

  test('create redirects and shows the raw token once', async () => {
    const page = createTokensPage(harness.tokens, newTokens);
    const created = await page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'new', validity: 'P6M' }));
    assert.equal(created.kind, 'redirect');
    const location = created.kind === 'redirect' ? created.location : '';
    const match = /^\/plugins\/servlet\/apitokenauth\/tokens\?created=([\w-]+)$/.exec(location);
    assert.ok(match, `unexpected location ${location}`);

    const shown = await page.handler(pageRequest(alice, 'GET', {}, { created: match[1]! }));
    const rawToken = shown.kind === 'render' ? (shown.context as any).newToken.rawToken : undefined;
    assert.match(rawToken, /^pha_/);
    assert.ok(!location.includes(rawToken));

    const reloaded = await page.handler(pageRequest(alice, 'GET', {}, { created: match[1]! }));
    assert.ok(!JSON.stringify(reloaded).includes(rawToken));
    assert.equal(reloaded.kind === 'render' && (reloaded.context as any).tokenNoLongerShown, true);
    assert.equal((await harness.tokens.listOwn(alice)).length, 1);
  });

  test('created token is not shown to another user', async () => {
    const page = createTokensPage(harness.tokens, newTokens);
    const created = await page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'mine', validity: 'P6M' }));
    const createdId = new URL(created.kind === 'redirect' ? created.location : '', 'http://localhost').searchParams.get('created')!;
    const bob = (await harness.users.getUser('bob'))!;
    const stolen = await page.handler(pageRequest(bob, 'GET', {}, { created: createdId }));
    assert.equal(stolen.kind === 'render' && (stolen.context as any).newToken, undefined);
    const own = await page.handler(pageRequest(alice, 'GET', {}, { created: createdId }));
    assert.match(own.kind === 'render' ? (own.context as any).newToken.rawToken : '', /^pha_/);
  });

  test('created token expires unseen', async () => {
    const page = createTokensPage(harness.tokens, newTokens);
    const created = await page.handler(pageRequest(alice, 'POST', { action: 'create', description: 'late', validity: 'P6M' }));
    const createdId = new URL(created.kind === 'redirect' ? created.location : '', 'http://localhost').searchParams.get('created')!;
    harness.clock.advance(oneTimeTokenLifetimeMs);
    const shown = await page.handler(pageRequest(alice, 'GET', {}, { created: createdId }));
    assert.equal(shown.kind === 'render' && (shown.context as any).newToken, undefined);
    assert.equal(shown.kind === 'render' && (shown.context as any).tokenNoLongerShown, true);
  });

  test('delete asks before deleting', async () => {
    const token = await harness.tokens.create(alice, { description: 'to delete', validity: 'P6M' });
    const page = createTokensPage(harness.tokens, newTokens);
    const confirm = await page.handler(pageRequest(alice, 'POST', { action: 'delete', id: String(token.id) }));
    assert.equal(confirm.kind === 'render' && (confirm.context as any).confirm.action, 'delete-confirmed');
    assert.equal((await harness.tokens.listOwn(alice)).length, 1);
    const deleted = await page.handler(pageRequest(alice, 'POST', { action: 'delete-confirmed', id: String(token.id) }));
    assert.equal((await harness.tokens.listOwn(alice)).length, 0);
    assert.equal(deleted.kind === 'redirect' && deleted.location, '/plugins/servlet/apitokenauth/tokens?done=deleted');
  });

  test('delete result page shows a fixed message', async () => {
    const page = createTokensPage(harness.tokens, newTokens);
    const shown = await page.handler(pageRequest(alice, 'GET', {}, { done: 'deleted' }));
    assert.equal(shown.kind === 'render' && (shown.context as any).success, 'The token was deleted.');
    const crafted = await page.handler(pageRequest(alice, 'GET', {}, { done: 'Your account is locked' }));
    assert.equal(crafted.kind === 'render' && (crafted.context as any).success, undefined);
  });

  test('delete all redirects after the confirmation', async () => {
    await harness.tokens.create(alice, { description: 'one of all', validity: 'P6M' });
    const page = createTokensPage(harness.tokens, newTokens);
    const deleted = await page.handler(pageRequest(alice, 'POST', { action: 'delete-all-confirmed' }));
    assert.equal(deleted.kind === 'redirect' && deleted.location, '/plugins/servlet/apitokenauth/tokens?done=deleted-all');
    assert.equal((await harness.tokens.listOwn(alice)).length, 0);
  });

  test('invalid input is shown with status 400', async () => {
    const result = await createTokensPage(harness.tokens, newTokens).handler(pageRequest(alice, 'POST', { action: 'create', description: '', validity: 'P6M' }));
    assert.equal(result.kind === 'render' && result.status, 400);
    const context = result.kind === 'render' ? (result.context as any) : {};
    assert.equal(context.error, 'The token was not created.');
    assert.deepEqual(context.fieldErrors, ['Description: Enter a description, for example the script that uses the token.']);
    assert.equal(context.form.validity, 'P6M');
  });
});
