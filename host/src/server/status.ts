import type Koa from 'koa';
import type { HostState } from './host-state.js';

export type HostLifecycleState = 'STARTING' | 'RUNNING' | 'STOPPING';

/**
 * `GET /status` without authentication. While the host is not RUNNING every other request
 * gets 503 with a Retry-After hint.
 */
export function addStatusRoute(app: Koa<HostState>, state: { value: HostLifecycleState }): void {
  app.use(async (ctx, next) => {
    if (ctx.path === '/status' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { state: state.value };
      return;
    }
    if (state.value !== 'RUNNING') {
      ctx.status = 503;
      ctx.set('Retry-After', '2');
      ctx.body = { errorMessages: [`The host is ${state.value.toLowerCase()}. Retry in a moment.`], errors: {} };
      return;
    }
    await next();
  });
}
