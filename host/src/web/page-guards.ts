import type { Context, Next } from 'koa';
import type { Flavour } from '../product/flavours.js';
import type { HostState } from '../server/host-state.js';
import { isValidXsrfToken, xsrfFieldName } from '../security/xsrf.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { PageRenderer } from './renderer.js';

export type PageContext = Context & { state: HostState };

/** A relative path to return to after logging in; anything that could leave the site becomes `/`. */
export function safeDestination(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}

export function redirectToLogin(ctx: PageContext, flavour: Flavour, baseUrl: string): void {
  const destination = encodeURIComponent(ctx.originalUrl);
  ctx.redirect(`${baseUrl}${flavour.paths.login}?os_destination=${destination}`);
}

/** Form fields of a page POST, with repeated fields as arrays. */
export function formOf(ctx: PageContext): Record<string, string | string[]> {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object') return {};
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') form[key] = value;
    else if (Array.isArray(value)) form[key] = value.filter((item): item is string => typeof item === 'string');
    else if (isIndexedObject(value)) form[key] = indexedValues(value);
  }
  return form;
}

/**
 * Checks for the object that `qs` makes of a field repeated more than its `arrayLimit` (20)
 * times: keys `0`..`n`. Without this a long list, such as 25 IP restrictions, would vanish.
 */
function isIndexedObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^(0|[1-9][0-9]*)$/.test(key));
}

function indexedValues(value: Record<string, unknown>): string[] {
  return Object.keys(value)
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => value[key])
    .filter((item): item is string => typeof item === 'string');
}

/** The first value of a form field, or '' when missing. */
export function formField(form: Record<string, string | string[]>, name: string): string {
  const value = form[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Refuses a page POST without a valid `atl_token`: 403 and the "XSRF Security Token Missing" page. */
export function checkFormToken(renderer: PageRenderer) {
  return async function xsrfForm(ctx: PageContext, next: Next): Promise<void> {
    if (ctx.method === 'POST' && !isValidXsrfToken(ctx, formField(formOf(ctx), xsrfFieldName))) {
      await renderer.render(ctx, 'xsrf-missing', { title: 'XSRF Security Token Missing', status: 403 });
      return;
    }
    await next();
  };
}

/** Pages for logged-in users: anonymous browsers go to the login page. */
export function requireLogin(flavour: Flavour, baseUrl: string) {
  return async function loggedIn(ctx: PageContext, next: Next): Promise<void> {
    if (!ctx.state.user) return redirectToLogin(ctx, flavour, baseUrl);
    await next();
  };
}

/** A gate that may answer the request itself, such as the WebSudo password prompt. */
export type AdminGate = (ctx: PageContext, next: Next) => Promise<void>;

/** Admin pages: login, then the admin group, then the admin gates (WebSudo). */
export function requireAdmin(flavour: Flavour, baseUrl: string, users: UserDirectory, renderer: PageRenderer, gates: () => readonly AdminGate[]) {
  return async function admin(ctx: PageContext, next: Next): Promise<void> {
    const user = ctx.state.user;
    if (!user) return redirectToLogin(ctx, flavour, baseUrl);
    if (!(await users.isAdmin(user.name))) {
      await renderer.render(ctx, 'error', { title: 'Access denied', status: 403 }, {
        title: 'Access denied',
        message: `You are logged in as ${user.name}, who is not in the ${users.adminGroup} group. Log in as an administrator to open this page.`,
      });
      return;
    }
    const remaining = [...gates()];
    const run = async (): Promise<void> => {
      const gate = remaining.shift();
      if (gate) await gate(ctx, run);
      else await next();
    };
    await run();
  };
}
