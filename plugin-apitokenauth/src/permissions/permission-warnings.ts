import { permissionNames, type PermissionName, type TokenPermissions } from './permissions.js';

/** Codes of the warnings {@link computePermissionWarnings} can return. */
export type PermissionWarningCode =
  | 'EVERYONE_CREATES_FOR_OTHERS'
  | 'CREATE_WITHOUT_USE'
  | 'ADMIN_GROUP_MISSING'
  | 'UNKNOWN_GROUP'
  | 'NOBODY_ALLOWED';

/** A warning or recommendation shown after saving permissions; it never stops the save. */
export interface PermissionWarning {
  readonly code: PermissionWarningCode;
  readonly message: string;
}

/** Names of the permissions as the admin page shows them. */
export const permissionLabels: Readonly<Record<PermissionName, string>> = {
  useTokens: 'Use Tokens',
  createOwnTokens: 'Create Tokens for yourself',
  createTokensForOthers: 'Create Tokens for other users',
};

/**
 * Computes the warnings and recommendations for validated permissions. `existingGroups` are
 * the host's group names in lower case; a listed group that is not among them gets a warning.
 *
 * @example
 * ```ts
 * const warnings = computePermissionWarnings(permissions, 'jira-administrators', new Set(await users.listGroups()));
 * ```
 */
export function computePermissionWarnings(permissions: TokenPermissions, adminGroup: string, existingGroups: ReadonlySet<string>): PermissionWarning[] {
  const warnings: PermissionWarning[] = [];
  const forOthers = permissions.createTokensForOthers;

  if (forOthers.allowEveryone) {
    warnings.push({
      code: 'EVERYONE_CREATES_FOR_OTHERS',
      message: 'every user may create and delete API tokens for other users; grant "Create Tokens for other users" to the administrators group or a small group instead',
    });
  } else if (!forOthers.groups.includes(adminGroup.toLowerCase())) {
    warnings.push({
      code: 'ADMIN_GROUP_MISSING',
      message: `the administrators group ${adminGroup} is not allowed to create tokens for other users, so administrators who are in none of the listed groups cannot manage other users' tokens`,
    });
  }

  warnings.push(...findCreateWithoutUse(permissions));

  for (const name of permissionNames) {
    const grant = permissions[name];
    if (!grant.allowEveryone && grant.groups.length === 0) {
      warnings.push({ code: 'NOBODY_ALLOWED', message: `nobody has the permission "${permissionLabels[name]}": check "Allow everyone" or add a group` });
    }
  }

  const unknown = new Set<string>();
  for (const name of permissionNames) {
    for (const group of permissions[name].groups) if (!existingGroups.has(group)) unknown.add(group);
  }
  for (const group of unknown) {
    warnings.push({
      code: 'UNKNOWN_GROUP',
      message: `the group "${group}" does not exist; it was saved and takes effect when a group of that name is created`,
    });
  }
  return warnings;
}

/** Warns about holders of a create permission who may not use the tokens they create. */
function findCreateWithoutUse(permissions: TokenPermissions): PermissionWarning[] {
  const use = permissions.useTokens;
  if (use.allowEveryone) return [];
  const own = permissions.createOwnTokens;
  if (own.allowEveryone) {
    return [{
      code: 'CREATE_WITHOUT_USE',
      message: 'every user may create their own tokens, but only some may use them: users outside the "Use Tokens" groups create tokens that do not work',
    }];
  }
  return own.groups
    .filter((group) => !use.groups.includes(group))
    .map((group) => ({
      code: 'CREATE_WITHOUT_USE' as const,
      message: `the group "${group}" may create its own tokens but not use them; add it to "Use Tokens" unless its members get that permission through another group`,
    }));
}
