import type { Context, Next } from 'koa';
import { runWithRequestContext, type RequestContext } from './request-context.js';
import type { HostState } from './host-state.js';

/** Writes IPv4-mapped IPv6 peers (`::ffff:127.0.0.1`) as plain IPv4. */
export function normalisePeerAddress(address: string | undefined): string {
  if (!address) return '-';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * Gives every request an id in Jira's form `<minute of day>x<request number>x<in flight>` and a
 * worker label, and runs the rest of the chain inside its RequestContext.
 */
export function requestContextMiddleware(now: () => Date) {
  let sequence = 0;
  const busyWorkers = new Set<number>();

  return async function requestContext(ctx: Context & { state: HostState }, next: Next): Promise<void> {
    sequence += 1;
    let worker = 1;
    while (busyWorkers.has(worker)) worker += 1;
    busyWorkers.add(worker);
    const time = now();
    const minuteOfDay = time.getHours() * 60 + time.getMinutes();
    const requestId = `${minuteOfDay}x${sequence}x${busyWorkers.size}`;
    const remoteAddress = normalisePeerAddress(ctx.req.socket.remoteAddress);

    ctx.state.requestId = requestId;
    ctx.state.remoteAddress = remoteAddress;
    ctx.state.user = undefined;
    ctx.state.authMethod = 'anonymous';
    ctx.state.session = undefined;
    ctx.set('X-Request-Id', requestId);

    const context: RequestContext = {
      requestId,
      worker: `http-worker-${worker}`,
      path: ctx.path,
      method: ctx.method,
      remoteAddress,
      username: undefined,
      sessionHash: undefined,
      channel: 'REST',
      secrets: [],
    };
    try {
      await runWithRequestContext(context, next);
    } finally {
      busyWorkers.delete(worker);
    }
  };
}
