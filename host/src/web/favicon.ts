import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { HostState } from '../server/host-state.js';

/** The host's icon, beside `src/` and `dist/`, read once at start because it never changes while running. */
const faviconFile = fileURLToPath(new URL('../../static/favicon.svg', import.meta.url));

/** How long browsers may cache the icon, in seconds (one day). */
const faviconMaxAgeSeconds = 24 * 60 * 60;

/**
 * Serves the host icon without authentication at `/favicon.svg`, which the layout links, and at
 * `/favicon.ico`, which browsers request by default for pages without a link such as JSON
 * responses. Both send the SVG with its own content type, which current browsers accept for
 * either name.
 */
export function addFaviconRoutes(router: Router<HostState>): void {
  const icon = readFileSync(faviconFile);
  const serveIcon = (ctx: Context): void => {
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', `public, max-age=${faviconMaxAgeSeconds}`);
    ctx.body = icon;
  };
  router.get('/favicon.svg', serveIcon);
  router.get('/favicon.ico', serveIcon);
}
