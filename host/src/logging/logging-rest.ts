import type Router from '@koa/router';
import { jsonObjectBody, requireAdminUser, type AdminRestGate } from '../rest/rest-access.js';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { LoggingLevels } from './logging-levels.js';

/**
 * `GET /rest/plughost/1.0/logging` lists the configured loggers; `PUT /rest/plughost/1.0/logging/{name}`
 * with `{"level","persistent"}` sets one. Both are admin only.
 */
export function addLoggingResource(router: Router<HostState>, levels: LoggingLevels, users: UserDirectory, adminGates: () => readonly AdminRestGate[]): void {
  const admin = requireAdminUser(users, adminGates);

  router.get('/rest/plughost/1.0/logging', admin, (ctx) => {
    ctx.body = { loggers: levels.list() };
  });

  router.put('/rest/plughost/1.0/logging/:name', admin, async (ctx) => {
    const body = jsonObjectBody(ctx);
    if (!body) return;
    ctx.body = await levels.set(ctx.params.name, body.level, body.persistent);
  });
}
