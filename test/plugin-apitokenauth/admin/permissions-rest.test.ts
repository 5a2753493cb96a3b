import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createToken, createUser, eventually, myself, restBase } from '../support/token-host.js';
import { addToGroup, createGroup, jiraDefaultPermissions } from '../support/groups.js';

type Warning = { code: string; message: string };

describe('permissions REST (jira)', () => {
  let host: TestHost;
  let alicePassword: string;
  const url = () => `${host.url}${restBase}/admin/permissions`;
  const put = (json: unknown) => request(url(), { method: 'PUT', auth: adminAuth, json });

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    await createGroup(host, 'developers');
    await addToGroup(host, 'developers', 'alice');
  });
  after(async () => {
    await host.dispose();
  });

  test('GET permissions returns the defaults', async () => {
    const response = await request(url(), { auth: adminAuth });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, jiraDefaultPermissions);
  });

  test('permissions need an admin', async () => {
    const alice = basic('alice', alicePassword);
    assert.equal((await request(url(), { auth: alice })).status, 403);
    assert.equal((await request(url(), { method: 'PUT', auth: alice, json: jiraDefaultPermissions })).status, 403);
  });

  test('invalid body gets 400 naming each field', async () => {
    const response = await put({
      useTokens: { allowEveryone: 'yes', groups: [] },
      createOwnTokens: { allowEveryone: false, groups: ['developers', 7, '  '] },
      createTokensForOthers: { allowEveryone: false, groups: 'jira-administrators', extra: 1 },
      shareTokens: { allowEveryone: true, groups: [] },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys(response.body.errors).sort(), [
      'createOwnTokens.groups[1]',
      'createOwnTokens.groups[2]',
      'createTokensForOthers.extra',
      'createTokensForOthers.groups',
      'shareTokens',
      'useTokens.allowEveryone',
    ]);
    assert.equal(response.body.errors['useTokens.allowEveryone'], 'useTokens.allowEveryone "yes": must be true or false');
    assert.match(response.body.errors['createOwnTokens.groups[2]'], /must not be empty/);
    assert.match(response.body.errorMessages[0], /not saved because 6 values are invalid/);
    assert.deepEqual((await request(url(), { auth: adminAuth })).body, jiraDefaultPermissions);
  });

  test('missing permission gets 400', async () => {
    const response = await put({ useTokens: jiraDefaultPermissions.useTokens, createOwnTokens: jiraDefaultPermissions.createOwnTokens });
    assert.equal(response.status, 400);
    assert.match(response.body.errors['createTokensForOthers'], /\(missing\)/);
  });

  test('warnings do not block the save', async () => {
    const permissions = {
      useTokens: { allowEveryone: false, groups: ['jira-administrators'] },
      createOwnTokens: { allowEveryone: false, groups: [' Developers ', 'jira-administrators', 'no-such-group'] },
      createTokensForOthers: { allowEveryone: true, groups: [] },
    };
    const response = await put(permissions);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.permissions.createOwnTokens.groups, ['developers', 'jira-administrators', 'no-such-group']);
    const codes = (response.body.warnings as Warning[]).map((warning) => warning.code).sort();
    assert.deepEqual(codes, ['CREATE_WITHOUT_USE', 'CREATE_WITHOUT_USE', 'EVERYONE_CREATES_FOR_OTHERS', 'UNKNOWN_GROUP']);
    const unknown = (response.body.warnings as Warning[]).find((warning) => warning.code === 'UNKNOWN_GROUP');
    assert.match(unknown!.message, /"no-such-group" does not exist/);

    const saved = await request(url(), { auth: adminAuth });
    assert.deepEqual(saved.body, response.body.permissions);
  });

  test('admin group missing and nobody warnings', async () => {
    const response = await put({
      useTokens: { allowEveryone: true, groups: [] },
      createOwnTokens: { allowEveryone: false, groups: [] },
      createTokensForOthers: { allowEveryone: false, groups: ['developers'] },
    });
    assert.equal(response.status, 200);
    const warnings = response.body.warnings as Warning[];
    assert.deepEqual(warnings.map((warning) => warning.code), ['ADMIN_GROUP_MISSING', 'NOBODY_ALLOWED']);
    assert.match(warnings[0]!.message, /jira-administrators/);
    assert.match(warnings[1]!.message, /Create Tokens for yourself/);
  });

  test('change is audited with from and to', async () => {
    await put(jiraDefaultPermissions);
    const changed = { ...jiraDefaultPermissions, useTokens: { allowEveryone: false, groups: ['developers'] } };
    assert.equal((await put(changed)).status, 200);

    const query = `${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`;
    const record = await eventually(async () => {
      const response = await request(query, { auth: adminAuth });
      const entities = (response.body?.entities ?? []) as any[];
      return entities.find((entity) => entity.type.action === 'API token permissions changed' && entity.changedValues.some((change: any) => change.to.includes('developers')));
    }, 'the permissions audit record');
    assert.equal(record.author.name, 'admin');
    assert.deepEqual(record.changedValues, [
      { key: 'useTokens', from: JSON.stringify(jiraDefaultPermissions.useTokens), to: JSON.stringify({ allowEveryone: false, groups: ['developers'] }) },
    ]);
    await put(jiraDefaultPermissions);
  });

  test('unchanged save writes no audit record', async () => {
    await put(jiraDefaultPermissions);
    const before = await request(`${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`, { auth: adminAuth });
    assert.equal((await put(jiraDefaultPermissions)).status, 200);
    const afterSave = await request(`${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`, { auth: adminAuth });
    assert.equal(afterSave.body.entities.length, before.body.entities.length);
  });

  test('token holder without use permission is denied', async () => {
    await put(jiraDefaultPermissions);
    const token = await createToken(host, basic('alice', alicePassword), { description: 'script' });
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);

    await put({ ...jiraDefaultPermissions, useTokens: { allowEveryone: false, groups: ['jira-administrators'] } });
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 401);
    assert.equal((await myself(host, `Bearer ${token.rawToken}`)).status, 401);

    await put({ ...jiraDefaultPermissions, useTokens: { allowEveryone: false, groups: ['developers'] } });
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200, 'the developers group grants it again');
    await put(jiraDefaultPermissions);
  });

  test('user options follow the permissions', async () => {
    await put({ ...jiraDefaultPermissions, createOwnTokens: { allowEveryone: false, groups: ['developers'] }, createTokensForOthers: { allowEveryone: false, groups: ['developers'] } });
    const response = await request(`${host.url}${restBase}/user/options`, { auth: basic('alice', alicePassword) });
    assert.equal(response.body.canCreateOwnTokens, true);
    assert.equal(response.body.canCreateTokensForOthers, true);
    await put(jiraDefaultPermissions);
    const reset = await request(`${host.url}${restBase}/user/options`, { auth: basic('alice', alicePassword) });
    assert.equal(reset.body.canCreateTokensForOthers, false);
  });
});
