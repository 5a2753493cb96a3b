import type { RestRoute } from '@plughost/sdk';
import type { AdminConfiguration } from '../admin/admin-configuration.js';
import type { ClientAddressPolicy } from '../client-address/client-address-policy.js';
import { describeClientAddress } from '../client-address/client-address-report.js';

/** The services the admin routes use. */
export interface SettingsAdminDependencies {
  readonly configuration: AdminConfiguration;
  readonly addressPolicy: () => ClientAddressPolicy;
}

/**
 * Creates the admin routes for the plugin's REST resource: `GET|PUT /admin/settings`,
 * `GET|PUT /admin/permissions` and `GET /admin/client-address`. A PUT validates the whole body
 * first, saves nothing when any value is invalid, and returns the saved value with warnings
 * as `{"code","message"}` objects.
 *
 * @example
 * ```sh
 * curl -u admin -X PUT -H 'Content-Type: application/json' \
 *   -d '{"maxValidity":"P1Y","ipRestrictions":["10.0.0.0/8"],"reverseProxy":{"enabled":false,"trustedProxies":[],"clientIpHeader":"X-Forwarded-For"},"passwordBasicAuthDisabled":false}' \
 *   http://127.0.0.1:2990/rest/de.resolution.apitokenauth/latest/admin/settings
 * curl -u admin -X PUT -H 'Content-Type: application/json' \
 *   -d '{"useTokens":{"allowEveryone":true,"groups":[]},"createOwnTokens":{"allowEveryone":false,"groups":["developers"]},"createTokensForOthers":{"allowEveryone":false,"groups":["jira-administrators"]}}' \
 *   http://127.0.0.1:2990/rest/de.resolution.apitokenauth/latest/admin/permissions
 * ```
 */
export function createSettingsAdminRoutes(dependencies: SettingsAdminDependencies): RestRoute[] {
  const { configuration, addressPolicy } = dependencies;
  return [
    { method: 'GET', path: '/admin/settings', access: 'admin', handler: () => ({ body: configuration.getSettings() }) },
    {
      method: 'PUT',
      path: '/admin/settings',
      access: 'admin',
      handler: async (request) => ({ body: await configuration.saveSettings(request.body, request) }),
    },
    { method: 'GET', path: '/admin/permissions', access: 'admin', handler: () => ({ body: configuration.getPermissions() }) },
    {
      method: 'PUT',
      path: '/admin/permissions',
      access: 'admin',
      handler: async (request) => ({ body: await configuration.savePermissions(request.body, request) }),
    },
    {
      method: 'GET',
      path: '/admin/client-address',
      access: 'admin',
      handler: (request) => ({ body: describeClientAddress(addressPolicy(), { peerAddress: request.remoteAddress, headers: request.headers }) }),
    },
  ];
}
