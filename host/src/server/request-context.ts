import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts about the request being served, read by log lines and audit records. */
export interface RequestContext {
  readonly requestId: string;
  readonly worker: string;
  readonly path: string;
  readonly method: string;
  readonly remoteAddress: string;
  username: string | undefined;
  sessionHash: string | undefined;
  /** How the request reached the host: `Browser` for a session, `REST` for credentials or anonymous REST. */
  channel: 'Browser' | 'REST';
  /** Secret values of this request (credentials, cookies) that log lines must never contain. */
  readonly secrets: string[];
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, or undefined outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds secret values that redaction must remove from any log line written for this request. */
export function registerRequestSecrets(...values: Array<string | undefined>): void {
  const context = storage.getStore();
  if (!context) return;
  for (const value of values) {
    // Very short values would redact ordinary words; they are still masked by the patterns.
    if (value && value.length >= 4) context.secrets.push(value);
  }
}
