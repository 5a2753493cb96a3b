import type { Logger, PluginSettings, UpgradeTaskModule } from '@plughost/sdk';
import { permissionsKey, type SettingsStore } from '../settings/settings-store.js';
import type { TokenPermissions } from './permissions.js';

/**
 * Settings key of the setting that versions before the three permissions had: `true` (or the
 * string `"true"`) when only administrators could create and use tokens.
 */
export const legacyAdminsOnlyKey = 'onlyAdminsMayCreateAndUseTokens';

/** Creates the permissions that match the older "only administrators" setting. */
export function adminGroupOnlyPermissions(adminGroup: string): TokenPermissions {
  const grant = { allowEveryone: false, groups: [adminGroup.toLowerCase()] };
  return { useTokens: grant, createOwnTokens: grant, createTokensForOthers: grant };
}

/**
 * Creates the upgrade task that turns the older "only administrators may create and use
 * tokens" setting into the admin group for all three permissions, and then removes the older
 * key. Permissions already stored win, because they are newer than the older key. A fresh
 * install has no older key, so it keeps the defaults.
 */
export function createLegacyPermissionsUpgrade(settings: PluginSettings, store: SettingsStore, adminGroup: string, log: Logger): UpgradeTaskModule {
  return {
    buildNumber: 1,
    description: 'Turn the "only administrators may create and use tokens" setting into permissions',
    async run() {
      const legacy = await settings.get<unknown>(legacyAdminsOnlyKey);
      if (legacy === undefined) return;

      const adminsOnly = legacy === true || legacy === 'true';
      if (adminsOnly && (await settings.get(permissionsKey)) === undefined) {
        await store.savePermissions(adminGroupOnlyPermissions(adminGroup));
        log.info(`Migrated the setting that only administrators may create and use API tokens: all three permissions now go to the group ${adminGroup}`);
      }
      await settings.remove(legacyAdminsOnlyKey);
    },
  };
}
