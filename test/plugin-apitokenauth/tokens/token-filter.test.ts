import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { InvalidInputError, NotAllowedError, type User } from '@plughost/sdk';
import { parseTokenFilter } from '@plughost/plugin-apitokenauth/dist/tokens/token-filter.js';
import { createHarness, type PluginHarness } from '../support/plugin-harness.js';

describe('token filter parameters', () => {
  test('defaults apply to missing values', () => {
    assert.deepEqual(parseTokenFilter({}), { usernames: [], text: '', start: 0, limit: 50 });
  });

  test('usernames are trimmed, lower-cased and deduplicated', () => {
    assert.deepEqual(parseTokenFilter({ usernames: ' Alice,,bob , ALICE' }).usernames, ['alice', 'bob']);
  });

  test('every invalid value is named', () => {
    let caught: unknown;
    try {
      parseTokenFilter({ start: '-1', limit: '1001', text: 'x'.repeat(256) });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof InvalidInputError);
    assert.deepEqual(Object.keys(caught.fieldErrors).sort(), ['limit', 'start', 'text']);
    assert.equal(caught.fieldErrors.start, 'start "-1" is invalid: use a whole number 0 or more.');
    assert.equal(caught.fieldErrors.limit, 'limit "1001" is invalid: use a whole number from 1 to 1000.');
  });

  test('non-numbers and zero limit are rejected', () => {
    for (const limit of ['0', 'ten', '1.5', '1e3', '0x10']) {
      assert.throws(() => parseTokenFilter({ limit }), InvalidInputError, limit);
    }
    assert.throws(() => parseTokenFilter({ start: '99999999999999999' }), InvalidInputError);
  });

  test('too many usernames are rejected', () => {
    const names = Array.from({ length: 101 }, (_, index) => `user${index}`).join(',');
    assert.throws(() => parseTokenFilter({ usernames: names }), /lists 101 users; list at most 100/);
  });
});

describe('token service listByFilter', () => {
  let harness: PluginHarness;
  let admin: User;
  let alice: User;
  let bob: User;

  beforeEach(async () => {
    harness = await createHarness();
    admin = (await harness.users.getUser('admin'))!;
    alice = (await harness.users.getUser('alice'))!;
    bob = (await harness.users.getUser('bob'))!;
    for (const [owner, description] of [
      [bob, 'bob deploy'],
      [alice, 'alice CI job'],
      [alice, 'alice 100% done_x'],
      [admin, 'admin ci backup'],
      [alice, 'alice nightly'],
    ] as const) {
      await harness.tokens.create(owner, { description, validity: 'P1Y' });
      harness.clock.advance(60_000);
    }
  });
  afterEach(async () => {
    await harness.close();
  });

  test('order is owner, then newest first', async () => {
    const page = await harness.tokens.listByFilter(admin, {});
    assert.deepEqual(
      page.tokens.map((token) => token.description),
      ['admin ci backup', 'alice nightly', 'alice 100% done_x', 'alice CI job', 'bob deploy'],
    );
    assert.equal(page.total, 5);
  });

  test('usernames and text narrow the list', async () => {
    const aliceOnly = await harness.tokens.listByFilter(admin, { usernames: 'ALICE' });
    assert.deepEqual(aliceOnly.tokens.map((token) => token.username), ['alice', 'alice', 'alice']);

    const ci = await harness.tokens.listByFilter(admin, { text: 'ci' });
    assert.deepEqual(ci.tokens.map((token) => token.description), ['admin ci backup', 'alice CI job']);

    const both = await harness.tokens.listByFilter(admin, { usernames: 'alice,bob', text: 'CI' });
    assert.deepEqual(both.tokens.map((token) => token.description), ['alice CI job']);
    assert.equal(both.total, 1);

    const nobody = await harness.tokens.listByFilter(admin, { usernames: 'carol' });
    assert.deepEqual(nobody, { tokens: [], total: 0, start: 0, limit: 50 });
  });

  test('LIKE wildcards in text are literal', async () => {
    assert.deepEqual((await harness.tokens.listByFilter(admin, { text: '%' })).tokens.map((token) => token.description), ['alice 100% done_x']);
    assert.deepEqual((await harness.tokens.listByFilter(admin, { text: 'e_x' })).tokens.map((token) => token.description), ['alice 100% done_x']);
    assert.equal((await harness.tokens.listByFilter(admin, { text: 'a_i' })).total, 0);
    assert.equal((await harness.tokens.listByFilter(admin, { text: '\\' })).total, 0);
  });

  test('start and limit page through matches', async () => {
    const first = await harness.tokens.listByFilter(admin, { start: '0', limit: '2' });
    const second = await harness.tokens.listByFilter(admin, { start: '2', limit: '2' });
    const last = await harness.tokens.listByFilter(admin, { start: '4', limit: '2' });
    const beyond = await harness.tokens.listByFilter(admin, { start: '10', limit: '2' });
    assert.deepEqual(first.tokens.map((token) => token.description), ['admin ci backup', 'alice nightly']);
    assert.deepEqual(second.tokens.map((token) => token.description), ['alice 100% done_x', 'alice CI job']);
    assert.deepEqual(last.tokens.map((token) => token.description), ['bob deploy']);
    assert.deepEqual(beyond.tokens, []);
    for (const page of [first, second, last, beyond]) assert.equal(page.total, 5);
    assert.equal(second.start, 2);
    assert.equal(second.limit, 2);
  });

  test('listing needs create-for-others', async () => {
    await assert.rejects(harness.tokens.listByFilter(alice, {}), NotAllowedError);
    await assert.rejects(harness.tokens.listByFilter(bob, { limit: 'bad' }), NotAllowedError, 'the permission is checked before the parameters');
  });

  test('filter queries use the owner index', async () => {
    for (const input of [{}, { usernames: 'alice,bob' }, { usernames: 'alice', text: 'ci' }]) {
      harness.executedQueries.length = 0;
      await harness.tokens.listByFilter(admin, { ...input, limit: '2' });
      assert.equal(harness.executedQueries.length, 2, 'one page query and one count');
      for (const query of harness.executedQueries) {
        const plan = harness.sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
        const details = plan.map((row) => row.detail).join(' | ');
        assert.match(details, /USING (COVERING )?INDEX token_/, `${query.sql}: ${details}`);
        assert.doesNotMatch(details, /TEMP B-TREE/, `${query.sql} sorts rows: ${details}`);
      }
    }
  });
});
