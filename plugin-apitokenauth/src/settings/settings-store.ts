import type { PluginSettings } from '@plughost/sdk';
import { defaultPermissions, permissionNames, type PermissionGrant, type TokenPermissions } from '../permissions/permissions.js';
import { isValidity } from './validity.js';
import { defaultSettings, type TokenSettings } from './token-settings.js';

/** Keys in the plugin settings service. */
const settingsKey = 'settings';
export const permissionsKey = 'permissions';

/**
 * The plugin's settings and permissions, kept in memory. They are read from the plugin settings
 * service once at start, and every change goes through `saveSettings` or `savePermissions`,
 * which write the store first and then replace the copy in memory, so the very next request
 * gets the change and the authentication path never reads the database for them.
 */
export class SettingsStore {
  private settings: TokenSettings = defaultSettings;
  private permissions: TokenPermissions;

  constructor(
    private readonly store: PluginSettings,
    private readonly adminGroup: string,
  ) {
    this.permissions = defaultPermissions(adminGroup);
  }

  /** Reads both values, falling back to the defaults for anything missing. */
  async load(): Promise<void> {
    this.settings = withSettingsDefaults(await this.store.get<Partial<TokenSettings>>(settingsKey));
    this.permissions = withPermissionDefaults(await this.store.get<Partial<TokenPermissions>>(permissionsKey), this.adminGroup);
  }

  getSettings(): TokenSettings {
    return this.settings;
  }

  getPermissions(): TokenPermissions {
    return this.permissions;
  }

  /** Stores settings that the caller has already validated. */
  async saveSettings(settings: TokenSettings): Promise<void> {
    await this.store.set(settingsKey, settings);
    this.settings = settings;
  }

  /** Stores permissions that the caller has already validated. */
  async savePermissions(permissions: TokenPermissions): Promise<void> {
    await this.store.set(permissionsKey, permissions);
    this.permissions = permissions;
  }
}

function withSettingsDefaults(stored: Partial<TokenSettings> | undefined): TokenSettings {
  if (!stored || typeof stored !== 'object') return defaultSettings;
  return {
    maxValidity: isValidity(stored.maxValidity) ? stored.maxValidity : defaultSettings.maxValidity,
    ipRestrictions: Array.isArray(stored.ipRestrictions) ? stored.ipRestrictions : defaultSettings.ipRestrictions,
    reverseProxy: { ...defaultSettings.reverseProxy, ...stored.reverseProxy },
    passwordBasicAuthDisabled: stored.passwordBasicAuthDisabled === true,
  };
}

function withPermissionDefaults(stored: Partial<TokenPermissions> | undefined, adminGroup: string): TokenPermissions {
  const defaults = defaultPermissions(adminGroup);
  if (!stored || typeof stored !== 'object') return defaults;
  const result = { ...defaults };
  for (const name of permissionNames) {
    const grant = stored[name];
    if (isGrant(grant)) result[name] = { allowEveryone: grant.allowEveryone, groups: [...grant.groups] };
  }
  return result;
}

function isGrant(value: unknown): value is PermissionGrant {
  if (!value || typeof value !== 'object') return false;
  const grant = value as PermissionGrant;
  return typeof grant.allowEveryone === 'boolean' && Array.isArray(grant.groups) && grant.groups.every((group) => typeof group === 'string');
}
