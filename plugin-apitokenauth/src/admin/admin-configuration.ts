import { InvalidInputError, type AuditService, type Logger, type PluginRequest, type UserService } from '@plughost/sdk';
import type { AddressWarning } from '../client-address/address-warnings.js';
import { loggableName } from '../authentication/log-names.js';
import { computePermissionWarnings, type PermissionWarning } from '../permissions/permission-warnings.js';
import type { TokenPermissions } from '../permissions/permissions.js';
import { validatePermissions } from '../permissions/permissions-validation.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { computeSettingsWarnings, toFieldErrors, validateSettings } from '../settings/settings-validation.js';
import type { TokenSettings } from '../settings/token-settings.js';
import { auditCategory } from '../tokens/token-audit.js';

/** The services the admin configuration uses. */
export interface AdminConfigurationDependencies {
  readonly store: SettingsStore;
  readonly users: UserService;
  readonly audit: AuditService;
  readonly log: Logger;
}

/**
 * Saves the system-wide settings and the permissions, for the admin REST routes and the admin
 * page alike. Each save validates the whole input and saves nothing when any value is invalid.
 * A valid save is recorded in the audit log and returns its warnings, which never stop a save.
 */
export class AdminConfiguration {
  constructor(private readonly dependencies: AdminConfigurationDependencies) {}

  getSettings(): TokenSettings {
    return this.dependencies.store.getSettings();
  }

  getPermissions(): TokenPermissions {
    return this.dependencies.store.getPermissions();
  }

  /**
   * Validates and saves settings. The own-address warning resolves `request` with the new
   * settings. Throws `InvalidInputError` with one field error per invalid value.
   */
  async saveSettings(input: unknown, request: PluginRequest): Promise<{ settings: TokenSettings; warnings: AddressWarning[] }> {
    const result = validateSettings(input);
    if (!result.ok) throw invalidInput('settings', result.errors);

    const { store, audit, log } = this.dependencies;
    const previous = store.getSettings();
    const settings = result.settings;
    await store.saveSettings(settings);
    await recordChange(audit, 'API token settings changed', previous, settings);
    log.info(`API token settings changed by ${actorName(request)}`);

    const warnings = computeSettingsWarnings(settings, { peerAddress: request.remoteAddress, headers: request.headers });
    return { settings, warnings };
  }

  /**
   * Validates and saves permissions. Unknown groups are saved and named in a warning.
   * Throws `InvalidInputError` with one field error per invalid value.
   */
  async savePermissions(input: unknown, request: PluginRequest): Promise<{ permissions: TokenPermissions; warnings: PermissionWarning[] }> {
    const result = validatePermissions(input);
    if (!result.ok) throw invalidInput('permissions', result.errors);

    const { store, users, audit, log } = this.dependencies;
    const previous = store.getPermissions();
    const permissions = result.permissions;
    await store.savePermissions(permissions);
    await recordChange(audit, 'API token permissions changed', previous, permissions);
    log.info(`API token permissions changed by ${actorName(request)}`);

    const existingGroups = new Set((await users.listGroups()).map((group) => group.toLowerCase()));
    return { permissions, warnings: computePermissionWarnings(permissions, users.adminGroup, existingGroups) };
  }
}

function invalidInput(subject: 'settings' | 'permissions', errors: readonly { field: string; message: string }[]): InvalidInputError {
  const count = errors.length;
  const summary = count === 1 ? 'one value is invalid' : `${count} values are invalid`;
  return new InvalidInputError(`The ${subject} were not saved because ${summary}: ${errors.map((error) => error.message).join('; ')}`, toFieldErrors(errors));
}

/** Records one audit entry with a from/to pair per changed top-level field, or none when nothing changed. */
async function recordChange<T extends object>(audit: AuditService, action: string, previous: T, next: T): Promise<void> {
  const keys = Object.keys(next) as (keyof T & string)[];
  const changedValues = keys
    .map((key) => ({ key, from: JSON.stringify(previous[key]), to: JSON.stringify(next[key]) }))
    .filter((change) => change.from !== change.to);
  if (changedValues.length === 0) return;
  await audit.record({ category: auditCategory, action, changedValues });
}

function actorName(request: PluginRequest): string {
  return request.user ? loggableName(request.user.name) : 'an unknown user';
}
