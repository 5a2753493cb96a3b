import type { Next } from 'koa';
import type { PageRequest, PageResult } from '@plughost/sdk';
import { toPluginRequest } from '../auth/authenticate-request.js';
import { xsrfTokenFor } from '../security/xsrf.js';
import type { PageRenderer } from '../web/renderer.js';
import { formOf, type PageContext } from '../web/page-guards.js';
import type { MountedPage, PageTable } from './page-table.js';

const servletPrefix = '/plugins/servlet';

/** Guards the host applies before a plugin page runs. */
export interface PageGuards {
  /** Sends anonymous browsers to the login page. */
  readonly login: (ctx: PageContext, next: Next) => Promise<void>;
  /** Login, admin group, then the admin page gates. */
  readonly admin: (ctx: PageContext, next: Next) => Promise<void>;
}

/**
 * Serves plugin pages at `/plugins/servlet/<path>` inside the host layout. POST bodies have
 * passed the host's `atl_token` check before this runs. Unknown paths fall through.
 */
export function pluginPageDispatcher(table: PageTable, renderer: PageRenderer, guards: PageGuards, baseUrl: string) {
  return async function dispatchPluginPage(ctx: PageContext, next: Next): Promise<void> {
    if (!ctx.path.startsWith(`${servletPrefix}/`)) return next();
    const found = table.find(ctx.path.slice(servletPrefix.length));
    if (!found) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, POST');
      return;
    }
    const handle = () => runPage(ctx, found.page, found.params, renderer, baseUrl);
    if (found.page.access === 'admin') return guards.admin(ctx, handle);
    if (found.page.access === 'authenticated') return guards.login(ctx, handle);
    await handle();
  };
}

async function runPage(ctx: PageContext, page: MountedPage, params: Record<string, string>, renderer: PageRenderer, baseUrl: string): Promise<void> {
  const request: PageRequest = {
    ...toPluginRequest(ctx),
    form: ctx.method === 'POST' ? formOf(ctx) : {},
    xsrfToken: xsrfTokenFor(ctx),
    params,
  };
  const result: PageResult = await page.handler(request);
  if (result.kind === 'redirect') {
    ctx.redirect(redirectTarget(result.location, baseUrl, page.pluginKey));
    return;
  }
  await renderer.renderSource(ctx, result.template, { title: result.title, status: result.status ?? 200, admin: page.access === 'admin' }, { ...result.context });
}

/** A redirect within the host: a path is put below the base URL; other sites are refused. */
function redirectTarget(location: string, baseUrl: string, pluginKey: string): string {
  if (typeof location === 'string' && location.startsWith('/') && !location.startsWith('//') && !location.includes('\\')) return `${baseUrl}${location}`;
  if (typeof location === 'string' && (location === baseUrl || location.startsWith(`${baseUrl}/`))) return location;
  throw new TypeError(`plugin ${pluginKey} redirected to ${JSON.stringify(location)}: use a path starting with /`);
}
