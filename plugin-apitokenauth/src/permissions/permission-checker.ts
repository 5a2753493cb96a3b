import type { UserService } from '@plughost/sdk';
import type { SettingsStore } from '../settings/settings-store.js';
import { permissionNames, type PermissionGrant, type PermissionName } from './permissions.js';

/** The token permissions of one user, as `GET /user/options` reports them. */
export interface UserTokenPermissions {
  readonly canUseTokens: boolean;
  readonly canCreateOwnTokens: boolean;
  readonly canCreateTokensForOthers: boolean;
}

/**
 * Decides the token permissions of a user from the current permissions and their groups.
 * Group names are compared lower-case, as the host stores them.
 */
export class PermissionChecker {
  constructor(
    private readonly users: UserService,
    private readonly store: SettingsStore,
  ) {}

  /** Checks whether the user has the permission. A grant to everyone needs no group lookup. */
  async has(username: string, permission: PermissionName): Promise<boolean> {
    const grant = this.store.getPermissions()[permission];
    if (grant.allowEveryone) return true;
    if (grant.groups.length === 0) return false;
    return isGranted(grant, new Set(await this.users.getGroups(username)));
  }

  /** Returns all three permissions of a user, with one group lookup at most. */
  async of(username: string): Promise<UserTokenPermissions> {
    const permissions = this.store.getPermissions();
    const needsGroups = permissionNames.some((name) => !permissions[name].allowEveryone && permissions[name].groups.length > 0);
    const groups = needsGroups ? new Set(await this.users.getGroups(username)) : new Set<string>();
    return {
      canUseTokens: isGranted(permissions.useTokens, groups),
      canCreateOwnTokens: isGranted(permissions.createOwnTokens, groups),
      canCreateTokensForOthers: isGranted(permissions.createTokensForOthers, groups),
    };
  }

  /** Checks whether the user has any token permission, which decides whether the menu item shows. */
  async hasAny(username: string): Promise<boolean> {
    const permissions = await this.of(username);
    return permissions.canUseTokens || permissions.canCreateOwnTokens || permissions.canCreateTokensForOthers;
  }
}

function isGranted(grant: PermissionGrant, userGroups: ReadonlySet<string>): boolean {
  return grant.allowEveryone || grant.groups.some((group) => userGroups.has(group.toLowerCase()));
}
