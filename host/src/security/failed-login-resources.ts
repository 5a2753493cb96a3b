import type Router from '@koa/router';
import type { HostServices } from '../server/host.js';
import type { HostState } from '../server/host-state.js';
import { requireAdminUser } from '../rest/rest-access.js';

/**
 * `POST /rest/plughost/1.0/users/{name}/reset-failed-logins` for admins: sets the user's current
 * failed-login count to 0, so password logins work again without a CAPTCHA answer. The total stays.
 */
export function addFailedLoginResources(router: Router<HostState>, services: HostServices): void {
  const admin = requireAdminUser(services.users, () => services.adminRestGates);

  router.post('/rest/plughost/1.0/users/:name/reset-failed-logins', admin, async (ctx) => {
    const name = ctx.params.name ?? '';
    // Goes through the same reset as the user's admin page, so the audit log records it.
    const previous = await services.failedLogins.reset(name);
    services.securityLog.info(`Administrator ${ctx.state.user!.name} reset the failed login count of user ${name.toLowerCase()} (was ${previous})`);
    ctx.body = { name: name.toLowerCase(), failedLoginCurrent: 0, previousFailedLoginCurrent: previous };
  });
}
