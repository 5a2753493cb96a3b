import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { InvalidInputError, NotAllowedError, NotFoundError, type User } from '@plughost/sdk';
import { isWellFormedToken } from '@plughost/plugin-apitokenauth/dist/tokens/token-format.js';
import { digestToken } from '@plughost/plugin-apitokenauth/dist/tokens/token-digest.js';
import { createHarness, type PluginHarness } from '../support/plugin-harness.js';

describe('token service', () => {
  let harness: PluginHarness;
  let admin: User;
  let alice: User;
  let bob: User;

  beforeEach(async () => {
    harness = await createHarness();
    admin = (await harness.users.getUser('admin'))!;
    alice = (await harness.users.getUser('alice'))!;
    bob = (await harness.users.getUser('bob'))!;
  });
  afterEach(async () => {
    await harness.close();
  });

  test('create returns the token JSON and raw token once', async () => {
    const created = await harness.tokens.create(alice, { description: '  Deploy script  ', validity: 'P6M' });
    assert.ok(isWellFormedToken(created.rawToken));
    assert.deepEqual(Object.keys(created).sort(), ['createdAt', 'createdBy', 'description', 'expiresAt', 'id', 'lastUsedAt', 'lastUsedIp', 'rawToken', 'username']);
    assert.equal(created.username, 'alice');
    assert.equal(created.createdBy, 'alice');
    assert.equal(created.description, 'Deploy script');
    assert.equal(created.createdAt, '2026-03-01T12:00:00.000Z');
    assert.equal(created.expiresAt, '2026-09-01T12:00:00.000Z');
    assert.equal(created.lastUsedAt, null);
    const [listed] = await harness.tokens.listOwn(alice);
    assert.equal('rawToken' in listed!, false);
  });

  test('only the digest is stored', async () => {
    const created = await harness.tokens.create(alice, { description: 'x', validity: 'NEVER' });
    const rows = harness.sqlite.prepare('select * from token').all() as Array<Record<string, unknown>>;
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.digest, digestToken(created.rawToken));
    assert.ok(!JSON.stringify(rows).includes(created.rawToken.slice(4)));
  });

  test('description is validated', async () => {
    for (const description of [undefined, '', '   ', 'a'.repeat(256), 'two\nlines', 'tab\there', 42]) {
      await assert.rejects(harness.tokens.create(alice, { description, validity: 'P6M' }), InvalidInputError, String(description));
    }
    assert.equal((await harness.tokens.create(alice, { description: 'a'.repeat(255), validity: 'P6M' })).description.length, 255);
  });

  test('validity above the maximum is rejected', async () => {
    await harness.store.saveSettings({ ...harness.store.getSettings(), maxValidity: 'P1Y' });
    await assert.rejects(harness.tokens.create(alice, { description: 'x', validity: 'P2Y' }), /validity "P2Y" is not allowed/);
    await assert.rejects(harness.tokens.create(alice, { description: 'x', validity: 'NEVER' }), InvalidInputError);
    const created = await harness.tokens.create(alice, { description: 'x', validity: undefined });
    assert.equal(created.expiresAt, '2027-03-01T12:00:00.000Z');
  });

  test('options follow permissions and maximum', async () => {
    assert.deepEqual(await harness.tokens.optionsFor(alice), {
      canUseTokens: true,
      canCreateOwnTokens: true,
      canCreateTokensForOthers: false,
      validityOptions: ['P6M', 'P1Y', 'P2Y', 'NEVER'],
    });
    await harness.store.saveSettings({ ...harness.store.getSettings(), maxValidity: 'P2M' });
    const options = await harness.tokens.optionsFor(admin);
    assert.equal(options.canCreateTokensForOthers, true);
    assert.deepEqual(options.validityOptions, ['P2M']);
  });

  test('admin creates a token for alice', async () => {
    const created = await harness.tokens.create(admin, { description: 'for alice', validity: 'P6M', username: 'ALICE' });
    assert.equal(created.username, 'alice');
    assert.equal(created.createdBy, 'admin');
    const record = harness.audit.records.at(-1)!;
    assert.equal(record.category, 'API Token Authentication');
    assert.equal(record.action, 'API token created');
    assert.deepEqual(record.affectedObjects?.[0], { type: 'USER', name: 'alice' });
    assert.equal(record.attributes?.tokenId, String(created.id));
    assert.ok(!JSON.stringify(harness.audit.records).includes(created.rawToken.slice(4)));
  });

  test('creating for others needs the permission', async () => {
    await assert.rejects(harness.tokens.create(alice, { description: 'x', validity: 'P6M', username: 'bob' }), NotAllowedError);
    await assert.rejects(harness.tokens.create(admin, { description: 'x', validity: 'P6M', username: 'nobody' }), NotFoundError);
  });

  test('non-admin cannot create for an administrator', async () => {
    await harness.store.savePermissions({ ...harness.store.getPermissions(), createTokensForOthers: { allowEveryone: true, groups: [] } });
    assert.equal((await harness.tokens.create(alice, { description: 'x', validity: 'P6M', username: 'bob' })).username, 'bob');
    await assert.rejects(harness.tokens.create(alice, { description: 'x', validity: 'P6M', username: 'admin' }), /Only administrators/);
  });

  test('creating own tokens needs the permission', async () => {
    await harness.store.savePermissions({ ...harness.store.getPermissions(), createOwnTokens: { allowEveryone: false, groups: [] } });
    await assert.rejects(harness.tokens.create(alice, { description: 'x', validity: 'P6M' }), NotAllowedError);
  });

  test('delete by owner or create-for-others', async () => {
    const created = await harness.tokens.create(alice, { description: 'x', validity: 'P6M' });
    await assert.rejects(harness.tokens.delete(bob, String(created.id)), NotAllowedError);
    await harness.tokens.delete(admin, String(created.id));
    await assert.rejects(harness.tokens.delete(alice, String(created.id)), NotFoundError);
    await assert.rejects(harness.tokens.delete(alice, 'abc'), /token id "abc" is invalid/);
    assert.equal(harness.audit.records.at(-1)!.action, 'API token deleted');
  });

  test('delete all tokens of a user counts them', async () => {
    await harness.tokens.create(alice, { description: 'one', validity: 'P6M' });
    await harness.tokens.create(alice, { description: 'two', validity: 'P6M' });
    await harness.tokens.create(bob, { description: 'bob', validity: 'P6M' });
    await assert.rejects(harness.tokens.deleteAllOf(bob, 'alice'), NotAllowedError);
    await assert.rejects(harness.tokens.deleteAllOf(alice, ''), InvalidInputError);
    assert.equal(await harness.tokens.deleteAllOf(alice, 'Alice'), 2);
    assert.equal(await harness.tokens.deleteAllOf(admin, 'bob'), 1);
    const record = harness.audit.records.at(-1)!;
    assert.equal(record.action, 'All API tokens of a user deleted');
    assert.equal(record.attributes?.count, '1');
    assert.deepEqual(record.affectedObjects, [{ type: 'USER', name: 'bob' }]);
  });

  test('deleted user loses their tokens', async () => {
    await harness.tokens.create(alice, { description: 'one', validity: 'P6M' });
    await harness.tokens.create(bob, { description: 'bob', validity: 'P6M' });
    await harness.users.remove('alice');
    assert.deepEqual(harness.sqlite.prepare('select username from token').all(), [{ username: 'bob' }]);
  });
});
