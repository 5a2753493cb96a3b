import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type { HostState } from '../server/host-state.js';

/** Cookie carrying the XSRF token of a browser without a session (the login page). */
export const xsrfCookieName = 'atlassian.xsrf.token';
export const xsrfFieldName = 'atl_token';

/**
 * The XSRF token for this browser: the session's token when logged in, otherwise one kept in
 * a cookie. Forms carry it as `atl_token`; a cross-site page cannot read it.
 */
export function xsrfTokenFor(ctx: Context & { state: HostState }): string {
  if (ctx.state.session) return ctx.state.session.row.xsrf_token;
  const existing = ctx.cookies.get(xsrfCookieName);
  if (existing && /^[a-f0-9]{40}$/.test(existing)) return existing;
  const token = randomBytes(20).toString('hex');
  ctx.cookies.set(xsrfCookieName, token, { httpOnly: true, sameSite: 'lax', overwrite: true });
  return token;
}

/** Whether a form's `atl_token` matches this browser's token. */
export function isValidXsrfToken(ctx: Context & { state: HostState }, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length === 0) return false;
  const expected = ctx.state.session ? ctx.state.session.row.xsrf_token : ctx.cookies.get(xsrfCookieName);
  if (!expected) return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
