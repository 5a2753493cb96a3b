/** The three token permissions, each granted to everyone or to a list of groups. */

/** Names of the permissions, as they appear in the REST representation. */
export const permissionNames = ['useTokens', 'createOwnTokens', 'createTokensForOthers'] as const;

export type PermissionName = (typeof permissionNames)[number];

/** The holders of one permission: everyone, or the members of any of `groups`. */
export interface PermissionGrant {
  readonly allowEveryone: boolean;
  readonly groups: readonly string[];
}

/** The stored permissions of the plugin. */
export type TokenPermissions = Readonly<Record<PermissionName, PermissionGrant>>;

/**
 * Creates the permissions of a fresh install: everyone may use tokens and create their own,
 * and the admin group may create tokens for others.
 */
export function defaultPermissions(adminGroup: string): TokenPermissions {
  return {
    useTokens: { allowEveryone: true, groups: [] },
    createOwnTokens: { allowEveryone: true, groups: [] },
    createTokensForOthers: { allowEveryone: false, groups: [adminGroup] },
  };
}
