import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createHarness, restRequest, type PluginHarness } from '../support/plugin-harness.js';

const successLine = /^Found a matching token for authenticating user alice, created on \d+\. REST endpoint: \/rest\/api\/2\/myself$/;
const failureLine = (name: string) =>
  `User ${name} tried to authenticate with an invalid token or a regular password. Passing the request further to the default authenticator. REST endpoint: /rest/api/2/myself`;

describe('token authenticator', () => {
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

  test('Basic with own token authenticates', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    assert.deepEqual(outcome, { kind: 'authenticated', username: 'alice' });
    assert.match(harness.log.messages('INFO')[0] ?? '', successLine);
  });

  test('Basic user name is case-insensitive', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('ALICE', token));
    assert.deepEqual(outcome, { kind: 'authenticated', username: 'alice' });
  });

  test('Bearer token authenticates its owner', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest(), { scheme: 'bearer', secret: token });
    assert.deepEqual(outcome, { kind: 'authenticated', username: 'alice' });
  });

  test('another user name with the token passes on', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('bob', token));
    assert.deepEqual(outcome, { kind: 'pass' });
    assert.deepEqual(harness.log.messages('INFO'), [failureLine('bob')]);
    assert.match(harness.log.messages('DEBUG')[0] ?? '', /belongs to another user/);
  });

  test('password passes on without a lookup', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', 'hunter2'));
    assert.deepEqual(outcome, { kind: 'pass' });
    assert.match(harness.log.messages('DEBUG')[0] ?? '', /not a well-formed API token/);
  });

  test('unknown well-formed token passes on', async () => {
    const other = (await harness.tokens.create((await harness.users.getUser('bob'))!, { description: 'x', validity: 'P6M' })).rawToken;
    await harness.tokens.deleteAllOf((await harness.users.getUser('bob'))!, 'bob');
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('bob', other));
    assert.deepEqual(outcome, { kind: 'pass' });
    assert.match(harness.log.messages('DEBUG')[0] ?? '', /unknown or deleted/);
  });

  test('deleted token fails on the next request', async () => {
    const alice = (await harness.users.getUser('alice'))!;
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
    const [listed] = await harness.tokens.listOwn(alice);
    await harness.tokens.delete(alice, String(listed!.id));
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', token)), { kind: 'pass' });
  });

  test('deactivated or deleted owner fails at once', async () => {
    harness.users.setActive('alice', false);
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', token)), { kind: 'pass' });
    harness.users.setActive('alice', true);
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
    await harness.users.remove('alice');
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', token)), { kind: 'pass' });
    assert.deepEqual(harness.sqlite.prepare('select count(*) as n from token').get(), { n: 0 });
  });

  test('expired token fails as an instant', async () => {
    const alice = (await harness.users.getUser('alice'))!;
    const shortLived = (await harness.tokens.create(alice, { description: 'short', validity: 'P6M' })).rawToken;
    const [created] = await harness.tokens.listOwn(alice);
    const expiry = new Date(created!.expiresAt!).getTime();
    harness.clock.current = new Date(expiry - 1);
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', shortLived))).kind, 'authenticated');
    harness.clock.current = new Date(expiry);
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', shortLived)), { kind: 'pass' });
    assert.match(harness.log.messages('DEBUG').at(-1) ?? '', /expired at/);
  });

  test('lowered maximum validity expires old tokens', async () => {
    harness.clock.advance(100 * 24 * 3600 * 1000);
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
    await harness.store.saveSettings({ ...harness.store.getSettings(), maxValidity: 'P3M' });
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', token)), { kind: 'pass' });
  });

  test('withdrawn use permission applies at once', async () => {
    const permissions = harness.store.getPermissions();
    await harness.store.savePermissions({ ...permissions, useTokens: { allowEveryone: false, groups: ['jira-administrators'] } });
    assert.deepEqual(await harness.authenticator.authenticate(restRequest(), basicAs('alice', token)), { kind: 'pass' });
    await harness.store.savePermissions({ ...permissions, useTokens: { allowEveryone: false, groups: ['JIRA-SOFTWARE-USERS'] } });
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
  });

  test('disabled passwords deny with a failed login', async () => {
    await harness.store.saveSettings({ ...harness.store.getSettings(), passwordBasicAuthDisabled: true });
    const outcome = await harness.authenticator.authenticate(restRequest(), basicAs('alice', 'hunter2'));
    assert.equal(outcome.kind, 'denied');
    assert.equal(outcome.kind === 'denied' && outcome.status, 403);
    assert.equal(outcome.kind === 'denied' && outcome.failedLoginFor, 'alice');
    assert.equal((await harness.authenticator.authenticate(restRequest(), basicAs('alice', token))).kind, 'authenticated');
  });

  test('Bearer with an expired token counts for its owner', async () => {
    await harness.store.saveSettings({ ...harness.store.getSettings(), maxValidity: 'P1M' });
    harness.clock.advance(40 * 24 * 3600 * 1000);
    const outcome = await harness.authenticator.authenticate(restRequest(), { scheme: 'bearer', secret: token });
    assert.equal(outcome.kind, 'denied');
    assert.equal(outcome.kind === 'denied' && outcome.status, 401);
    assert.equal(outcome.kind === 'denied' && outcome.failedLoginFor, 'alice');
  });

  test('non-REST paths are left to the host', async () => {
    const outcome = await harness.authenticator.authenticate(restRequest('/secure/admin'), basicAs('alice', token));
    assert.deepEqual(outcome, { kind: 'pass' });
    assert.deepEqual(harness.log.lines, []);
  });

  test('log lines never contain the token', async () => {
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    await harness.authenticator.authenticate(restRequest(), basicAs('bob', token));
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', `${token.slice(0, -1)}x`));
    for (const line of harness.log.lines) {
      assert.ok(!line.message.includes(token.slice(4, 24)), line.message);
      assert.ok(!line.message.includes('pha_'), line.message);
    }
  });

  test('control characters in the user name are masked', async () => {
    await harness.authenticator.authenticate(restRequest(), basicAs('eve\nINFO forged', 'x'));
    assert.equal(harness.log.messages('INFO')[0], failureLine('eve?INFO forged'));
  });

  test('last use is written at most once a minute', async () => {
    const alice = (await harness.users.getUser('alice'))!;
    const lastUsed = async () => (await harness.tokens.listOwn(alice))[0]!.lastUsedAt;
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    await settle();
    const first = await lastUsed();
    assert.equal(first, harness.clock.now().toISOString());
    harness.clock.advance(30_000);
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    await settle();
    assert.equal(await lastUsed(), first);
    harness.clock.advance(31_000);
    await harness.authenticator.authenticate(restRequest(), basicAs('alice', token));
    await settle();
    assert.equal(await lastUsed(), harness.clock.now().toISOString());
    assert.equal((await harness.tokens.listOwn(alice))[0]!.lastUsedIp, '127.0.0.1');
  });
});
