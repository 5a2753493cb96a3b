import { InvalidInputError, type AuditService, type Logger, type RestRequest, type RestRoute } from '@plughost/sdk';
import type { ClientAddressPolicy } from '../client-address/client-address-policy.js';
import { describeClientAddress } from '../client-address/client-address-report.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { computeSettingsWarnings, toFieldErrors, validateSettings } from '../settings/settings-validation.js';
import type { TokenSettings } from '../settings/token-settings.js';
import { auditCategory } from '../tokens/token-audit.js';

/** The services the admin settings routes use. */
export interface SettingsAdminDependencies {
  readonly store: SettingsStore;
  readonly audit: AuditService;
  readonly addressPolicy: () => ClientAddressPolicy;
  readonly log: Logger;
}

/**
 * Creates the admin routes for system-wide settings and address troubleshooting, for the
 * plugin's REST resource: `GET|PUT /admin/settings` and `GET /admin/client-address`. A PUT
 * validates the whole body first and saves nothing when any value is invalid.
 *
 * @example
 * ```sh
 * curl -u admin -X PUT -H 'Content-Type: application/json' \
 *   -d '{"maxValidity":"P1Y","ipRestrictions":["10.0.0.0/8"],"reverseProxy":{"enabled":false,"trustedProxies":[],"clientIpHeader":"X-Forwarded-For"},"passwordBasicAuthDisabled":false}' \
 *   http://127.0.0.1:2990/rest/de.resolution.apitokenauth/latest/admin/settings
 * ```
 */
export function createSettingsAdminRoutes(dependencies: SettingsAdminDependencies): RestRoute[] {
  const { store, addressPolicy } = dependencies;
  return [
    { method: 'GET', path: '/admin/settings', access: 'admin', handler: () => ({ body: store.getSettings() }) },
    { method: 'PUT', path: '/admin/settings', access: 'admin', handler: (request) => saveSettings(dependencies, request) },
    {
      method: 'GET',
      path: '/admin/client-address',
      access: 'admin',
      handler: (request) => ({ body: describeClientAddress(addressPolicy(), { peerAddress: request.remoteAddress, headers: request.headers }) }),
    },
  ];
}

async function saveSettings(dependencies: SettingsAdminDependencies, request: RestRequest) {
  const result = validateSettings(request.body);
  if (!result.ok) {
    const count = result.errors.length;
    const summary = count === 1 ? 'one value is invalid' : `${count} values are invalid`;
    throw new InvalidInputError(
      `The settings were not saved because ${summary}: ${result.errors.map((error) => error.message).join('; ')}`,
      toFieldErrors(result.errors),
    );
  }

  const previous = dependencies.store.getSettings();
  const settings = result.settings;
  await dependencies.store.saveSettings(settings);
  await recordSettingsChange(dependencies.audit, previous, settings);
  dependencies.log.info(`API token settings changed by ${request.user?.name ?? 'unknown user'}`);

  const warnings = computeSettingsWarnings(settings, { peerAddress: request.remoteAddress, headers: request.headers });
  return { body: { settings, warnings } };
}

async function recordSettingsChange(audit: AuditService, previous: TokenSettings, next: TokenSettings): Promise<void> {
  const keys = ['maxValidity', 'ipRestrictions', 'reverseProxy', 'passwordBasicAuthDisabled'] as const;
  const changedValues = keys
    .map((key) => ({ key, from: JSON.stringify(previous[key]), to: JSON.stringify(next[key]) }))
    .filter((change) => change.from !== change.to);
  if (changedValues.length === 0) return;
  await audit.record({ category: auditCategory, action: 'API token settings changed', changedValues });
}
