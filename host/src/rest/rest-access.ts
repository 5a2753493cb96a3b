import type { Context, Next } from 'koa';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';

export type RestContext = Context & { state: HostState };

/** Jira's response body for an anonymous call of a resource that needs a user. */
export const notAuthenticatedBody = { 'status-code': 401, message: 'Client must be authenticated to access this resource.' };

/** A check that may answer an admin REST call itself, such as WebSudo for session callers. */
export type AdminRestGate = (ctx: RestContext) => Promise<boolean>;

export function requireUser() {
  return async function restUser(ctx: RestContext, next: Next): Promise<void> {
    if (!ctx.state.user) {
      ctx.status = 401;
      ctx.body = notAuthenticatedBody;
      return;
    }
    await next();
  };
}

/** Admin-only resources: 401 without a user, 403 for a user outside the admin group. */
export function requireAdminUser(users: UserDirectory, gates: () => readonly AdminRestGate[]) {
  return async function restAdmin(ctx: RestContext, next: Next): Promise<void> {
    const user = ctx.state.user;
    if (!user) {
      ctx.status = 401;
      ctx.body = notAuthenticatedBody;
      return;
    }
    if (!(await users.isAdmin(user.name))) {
      ctx.status = 403;
      ctx.body = { errorMessages: [`The user ${user.name} is not an administrator (not in ${users.adminGroup}).`], errors: {} };
      return;
    }
    for (const gate of gates()) {
      if (!(await gate(ctx))) return;
    }
    await next();
  };
}

/**
 * A JSON object body, or an error answer: 415 for a body sent as a form or text (which the
 * body parser would otherwise turn into an object of strings), 400 for anything but an object.
 */
export function jsonObjectBody(ctx: RestContext): Record<string, unknown> | undefined {
  if (!ctx.is('application/json', '+json')) {
    ctx.status = 415;
    ctx.body = { errorMessages: ['The request body must be JSON. Send it with Content-Type: application/json.'], errors: {} };
    return undefined;
  }
  const body = ctx.request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    ctx.status = 400;
    ctx.body = { errorMessages: ['The request body must be a JSON object. Send it with Content-Type: application/json.'], errors: {} };
    return undefined;
  }
  return body as Record<string, unknown>;
}

/** A required query parameter, or a 400 answer naming it. */
export function requiredQuery(ctx: RestContext, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) {
    ctx.status = 400;
    ctx.body = { errorMessages: [`The query parameter '${name}' is given ${value.length} times. Give it once.`], errors: { [name]: 'repeated' } };
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    ctx.status = 400;
    ctx.body = { errorMessages: [`The query parameter '${name}' is missing. Add ?${name}=<value> to the URL.`], errors: { [name]: 'missing' } };
    return undefined;
  }
  return value;
}
