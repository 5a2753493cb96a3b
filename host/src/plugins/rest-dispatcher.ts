import type { Next } from 'koa';
import type { RestRequest, RestResponse } from '@plughost/sdk';
import { toPluginRequest } from '../auth/authenticate-request.js';
import { notAuthenticatedBody, requireAdminUser, type AdminRestGate, type RestContext } from '../rest/rest-access.js';
import type { UserDirectory } from '../users/user-directory.js';
import { matchPath } from './path-pattern.js';
import type { MountedRoute, RestRouteTable } from './rest-route-table.js';

const restPathPattern = /^\/rest\/([^/]+)\/([^/]+)(\/.*)?$/;

/**
 * Serves plugin REST resources at `/rest/<key>/<version>/...` and `/rest/<key>/latest/...`.
 * Paths no plugin serves fall through to the host's routes. Errors thrown by a handler reach
 * the host's error handler, which maps SDK errors to their status.
 */
export function pluginRestDispatcher(table: RestRouteTable, users: UserDirectory, adminGates: () => readonly AdminRestGate[]) {
  const admin = requireAdminUser(users, adminGates);

  return async function dispatchPluginRest(ctx: RestContext, next: Next): Promise<void> {
    const match = restPathPattern.exec(ctx.path);
    const mount = match ? table.find(match[1]!, match[2]!) : undefined;
    if (!match || !mount) return next();

    const subPath = match[3] ?? '/';
    const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
    let pathMatched = false;
    for (const route of mount.routes) {
      const params = matchPath(route.pattern, subPath);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return runRoute(ctx, route, params, admin);
    }
    if (!pathMatched) return next();
    const allowed = [...new Set(mount.routes.filter((route) => matchPath(route.pattern, subPath)).map((route) => route.method))];
    ctx.status = 405;
    ctx.set('Allow', allowed.join(', '));
    ctx.body = { errorMessages: [`${ctx.method} is not supported at ${ctx.path}; use ${allowed.join(' or ')}.`], errors: {} };
  };
}

async function runRoute(ctx: RestContext, route: MountedRoute, params: Record<string, string>, admin: ReturnType<typeof requireAdminUser>): Promise<void> {
  const handle = async () => {
    const request: RestRequest = { ...toPluginRequest(ctx), params, body: requestBody(ctx) };
    respond(ctx, await route.handler(request));
  };
  if (route.access === 'anonymous') return handle();
  if (route.access === 'admin') return admin(ctx, handle);
  if (!ctx.state.user) {
    ctx.status = 401;
    ctx.body = notAuthenticatedBody;
    return;
  }
  await handle();
}

/** The parsed body, or undefined when the request has none. */
function requestBody(ctx: RestContext): unknown {
  const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
  return hasBody ? ctx.request.body : undefined;
}

function respond(ctx: RestContext, response: RestResponse | undefined): void {
  for (const [name, value] of Object.entries(response?.headers ?? {})) ctx.set(name, value);
  const body = response?.body;
  if (body === undefined) {
    ctx.status = response?.status ?? 204;
    ctx.body = null;
    return;
  }
  ctx.status = response?.status ?? 200;
  ctx.type = 'application/json';
  // Koa would send a string as text/html, so every body is serialised here.
  ctx.body = JSON.stringify(body);
}
