import type Router from '@koa/router';
import type { HostServices } from '../../server/host.js';
import type { HostState } from '../../server/host-state.js';
import { jsonObjectBody, requireAdminUser } from '../../rest/rest-access.js';
import { applySecuritySettings, securitySettingsOf } from './apply-security-settings.js';
import { parseSecuritySettings } from './security-settings-input.js';

export const securitySettingsRestPath = '/rest/plughost/1.0/settings/security';

/**
 * `GET|PUT /rest/plughost/1.0/settings/security` for admins. PUT takes any of the three
 * settings and returns all of them; an invalid value is a 400 naming the field, and nothing is saved.
 */
export function addSecuritySettingsResource(router: Router<HostState>, services: HostServices): void {
  const admin = requireAdminUser(services.users, () => services.adminRestGates);

  router.get(securitySettingsRestPath, admin, async (ctx) => {
    ctx.body = securitySettingsOf(services.settings);
  });

  router.put(securitySettingsRestPath, admin, async (ctx) => {
    const body = jsonObjectBody(ctx);
    if (!body) return;
    const parsed = parseSecuritySettings(body);
    if (!parsed.ok) {
      ctx.status = 400;
      ctx.body = { errorMessages: ['The security settings were not saved: correct the invalid values.'], errors: parsed.errors };
      return;
    }
    await applySecuritySettings(services.settings, parsed.changes, ctx.state.user!.name, services.securityLog);
    ctx.body = securitySettingsOf(services.settings);
  });
}
