import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computePermissionWarnings } from '@plughost/plugin-apitokenauth/dist/permissions/permission-warnings.js';
import { defaultPermissions } from '@plughost/plugin-apitokenauth/dist/permissions/permissions.js';
import { validatePermissions } from '@plughost/plugin-apitokenauth/dist/permissions/permissions-validation.js';

const adminGroup = 'jira-administrators';
const existing = new Set([adminGroup, 'developers', 'jira-software-users']);
const codesOf = (permissions: ReturnType<typeof defaultPermissions>) => computePermissionWarnings(permissions, adminGroup, existing).map((warning) => warning.code);

describe('validatePermissions', () => {
  test('defaults are valid', () => {
    const result = validatePermissions(defaultPermissions(adminGroup));
    assert.ok(result.ok);
    assert.deepEqual(result.permissions, defaultPermissions(adminGroup));
  });

  test('groups are trimmed, lower-cased, deduplicated', () => {
    const result = validatePermissions({ ...defaultPermissions(adminGroup), useTokens: { allowEveryone: false, groups: [' Developers', 'developers', 'DEVELOPERS '] } });
    assert.ok(result.ok);
    assert.deepEqual(result.permissions.useTokens.groups, ['developers']);
  });

  test('everyone keeps its groups', () => {
    const result = validatePermissions({ ...defaultPermissions(adminGroup), useTokens: { allowEveryone: true, groups: ['developers'] } });
    assert.ok(result.ok);
    assert.deepEqual(result.permissions.useTokens, { allowEveryone: true, groups: ['developers'] });
  });

  test('non-object body is rejected', () => {
    for (const body of [null, [], 'useTokens', 3]) {
      const result = validatePermissions(body);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.errors[0]!.message, /expected a JSON object with the fields useTokens, createOwnTokens, createTokensForOthers/);
    }
  });

  test('characters the host forbids are rejected', () => {
    const result = validatePermissions({ ...defaultPermissions(adminGroup), useTokens: { allowEveryone: false, groups: ['dev\nops', 'a,b', '<b>', 'ok'] } });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.errors.map((error) => error.field), ['useTokens.groups[0]', 'useTokens.groups[1]', 'useTokens.groups[2]']);
  });
});

describe('computePermissionWarnings', () => {
  test('defaults have no warnings', () => {
    assert.deepEqual(codesOf(defaultPermissions(adminGroup)), []);
  });

  test('everyone creating without using', () => {
    const permissions = { ...defaultPermissions(adminGroup), useTokens: { allowEveryone: false, groups: ['developers'] } };
    assert.deepEqual(codesOf(permissions), ['CREATE_WITHOUT_USE']);
  });

  test('group creating without using', () => {
    const permissions = {
      useTokens: { allowEveryone: false, groups: ['developers'] },
      createOwnTokens: { allowEveryone: false, groups: ['developers', 'jira-software-users'] },
      createTokensForOthers: { allowEveryone: false, groups: [adminGroup] },
    };
    const warnings = computePermissionWarnings(permissions, adminGroup, existing);
    assert.deepEqual(warnings.map((warning) => warning.code), ['CREATE_WITHOUT_USE']);
    assert.match(warnings[0]!.message, /"jira-software-users" may create its own tokens but not use them/);
  });

  test('admin group compared lower-case', () => {
    const permissions = { ...defaultPermissions(adminGroup), createTokensForOthers: { allowEveryone: false, groups: ['jira-administrators'] } };
    assert.deepEqual(computePermissionWarnings(permissions, 'Jira-Administrators', existing).map((warning) => warning.code), []);
  });

  test('unknown group named once', () => {
    const permissions = {
      useTokens: { allowEveryone: false, groups: ['ghosts', adminGroup] },
      createOwnTokens: { allowEveryone: false, groups: ['ghosts', adminGroup] },
      createTokensForOthers: { allowEveryone: false, groups: [adminGroup] },
    };
    assert.deepEqual(codesOf(permissions), ['UNKNOWN_GROUP']);
  });
});
