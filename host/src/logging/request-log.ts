import type { Context, Next } from 'koa';
import type { Logger } from '@plughost/sdk';

/**
 * Writes one DEBUG line per request when it ends: method, path, status and duration. The query
 * string is left out, because a client may put credentials there (`?os_password=`).
 */
export function requestLog(log: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    if (!log.isEnabled('DEBUG')) return next();
    // A monotonic clock, so a moved test clock cannot make the duration negative.
    const started = performance.now();
    try {
      await next();
    } finally {
      log.debug(`${ctx.method} ${ctx.path} ${ctx.status} in ${Math.round(performance.now() - started)} ms`);
    }
  };
}
