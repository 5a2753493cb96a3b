import type Router from '@koa/router';
import type { Logger } from '@plughost/sdk';
import type { HostClock } from './host-clock.js';
import type { HostState } from './host-state.js';

/**
 * `PUT /rest/plughost/1.0/test/clock {"offsetMs": n}` moves the host clock. Mounted only with
 * `--test-clock`, so tests can check expiry without waiting.
 */
export function addTestClockRoute(router: Router<HostState>, clock: HostClock, log: Logger): void {
  log.warn('The test clock is on: anyone can move the host clock through /rest/plughost/1.0/test/clock');
  router.get('/rest/plughost/1.0/test/clock', (ctx) => {
    ctx.body = { now: clock.now().toISOString(), offsetMs: clock.getOffset() };
  });
  router.put('/rest/plughost/1.0/test/clock', (ctx) => {
    const offset = (ctx.request.body as { offsetMs?: unknown } | undefined)?.offsetMs;
    if (typeof offset !== 'number' || !Number.isFinite(offset)) {
      ctx.status = 400;
      ctx.body = { errorMessages: ['offsetMs must be a number of milliseconds'], errors: { offsetMs: 'invalid' } };
      return;
    }
    clock.setOffset(offset);
    ctx.body = { now: clock.now().toISOString(), offsetMs: offset };
  });
}
