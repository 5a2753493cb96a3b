import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { defaultSettings, type TokenSettings } from '@plughost/plugin-apitokenauth/dist/settings/token-settings.js';
import { createHarness, restRequest, type PluginHarness } from '../support/plugin-harness.js';

describe('token authenticator IP restrictions', () => {
  let harness: PluginHarness;
  let token: string;

  beforeEach(async () => {
    harness = await createHarness();
    const alice = (await harness.users.getUser('alice'))!;
    token = (await harness.tokens.create(alice, { description: 'CI job', validity: 'NEVER' })).rawToken;
  });
  afterEach(async () => {
    await harness.close();
  });

  const basicAs = (username: string, secret: string) => ({ scheme: 'basic' as const, username, secret });
  const withHeaders = (headers: Record<string, string>) => ({ ...restRequest(), headers });
  const save = (changes: Partial<TokenSettings>) => harness.store.saveSettings({ ...defaultSettings, ...changes });
  const proxy = (trustedProxies: string[]) => ({ enabled: true, trustedProxies, clientIpHeader: 'X-Forwarded-For' as const });

  test('token from an allowed address authenticates', async () => {
    await save({ ipRestrictions: ['127.0.0.0/8'] });
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    assert.deepEqual(outcome, { kind: 'authenticated', username: 'alice' });
  });

  test('token from a refused address gets 403', async () => {
    await save({ ipRestrictions: ['192.0.2.0/24'] });
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    assert.equal(outcome.kind, 'denied');
    assert.ok(outcome.kind === 'denied');
    assert.equal(outcome.status, 403);
    assert.match(outcome.message, /client address 127\.0\.0\.1 are not allowed/);
    assert.equal(outcome.failedLoginFor, undefined);
  });

  test('password Basic from a refused address gets 403', async () => {
    await save({ ipRestrictions: ['192.0.2.0/24'] });
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', 'a-password'));
    assert.equal(outcome.kind, 'denied');
    assert.ok(outcome.kind === 'denied');
    assert.equal(outcome.status, 403);
  });

  test('refusal is logged with the reason', async () => {
    await save({ ipRestrictions: ['192.0.2.0/24'] });
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    assert.deepEqual(harness.log.messages('INFO'), [
      'REST request of user alice refused: client address 127.0.0.1 is not in the allowed IP ranges. REST endpoint: /rest/api/2/myself',
    ]);
  });

  test('TRACE lines explain the decision', async () => {
    await save({ ipRestrictions: ['203.0.113.0/24'], reverseProxy: proxy(['127.0.0.1']) });
    await harness.authenticator.authenticate(withHeaders({ 'x-forwarded-for': '203.0.113.7' }), basicAs('alice', token));
    assert.deepEqual(harness.log.messages('TRACE'), [
      'Client address of request r1 (peer 127.0.0.1): peer 127.0.0.1 is a trusted proxy. REST endpoint: /rest/api/2/myself',
      'Client address of request r1 (peer 127.0.0.1): X-Forwarded-For element 1 from the right, 203.0.113.7, is not a trusted proxy: using it. REST endpoint: /rest/api/2/myself',
      'Client address of request r1 (peer 127.0.0.1): client address 203.0.113.7 is in the allowed IP ranges. REST endpoint: /rest/api/2/myself',
    ]);
  });

  test('client behind a trusted proxy is allowed and recorded', async () => {
    await save({ ipRestrictions: ['203.0.113.0/24'], reverseProxy: proxy(['127.0.0.1']) });
    const outcome = await harness.authenticator.authenticate(withHeaders({ 'x-forwarded-for': '203.0.113.7' }), basicAs('alice', token));
    assert.deepEqual(outcome, { kind: 'authenticated', username: 'alice' });
    await new Promise((resolve) => setImmediate(resolve));
    const alice = (await harness.users.getUser('alice'))!;
    assert.equal((await harness.tokens.listOwn(alice))[0]!.lastUsedIp, '203.0.113.7');
  });

  test('spoofed header from untrusted peer is refused', async () => {
    await save({ ipRestrictions: ['203.0.113.0/24'], reverseProxy: proxy(['10.0.0.1']) });
    const outcome = await harness.authenticator.authenticate(withHeaders({ 'x-forwarded-for': '203.0.113.7' }), basicAs('alice', token));
    assert.ok(outcome.kind === 'denied');
    assert.match(outcome.message, /127\.0\.0\.1/);
  });

  test('unresolvable address is refused', async () => {
    await save({ reverseProxy: proxy(['127.0.0.1']) });
    const outcome = await harness.authenticator.authenticate(withHeaders({ 'x-forwarded-for': 'unknown' }), basicAs('alice', token));
    assert.ok(outcome.kind === 'denied');
    assert.equal(outcome.status, 403);
    assert.match(outcome.message, /could not be determined/);
  });

  test('saved settings apply to the next request', async () => {
    await save({ ipRestrictions: ['192.0.2.0/24'] });
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'denied');
    await save({ ipRestrictions: [] });
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
  });
});
