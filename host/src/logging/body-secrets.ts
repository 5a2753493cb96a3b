import type { Context, Next } from 'koa';
import { registerRequestSecrets } from '../server/request-context.js';

/** Field names whose values are secrets wherever they appear in a form or JSON body. */
const secretFieldPattern = /pass(word|wd)?|secret|token|credential|authorization/i;
/** Nesting depth searched in JSON bodies; deeper values are still masked by the redaction patterns. */
const maxDepth = 4;

/**
 * Registers the values of secret-looking body fields (`password`, `os_password`, `token`, ...)
 * with the request context, so no log line of this request can contain them, whatever a call
 * site writes. Runs after the body parser.
 */
export function registerBodySecrets() {
  return async function bodySecrets(ctx: Context, next: Next): Promise<void> {
    collectSecrets(ctx.request.body, 0);
    await next();
  };
}

function collectSecrets(value: unknown, depth: number): void {
  if (depth > maxDepth || value === null || typeof value !== 'object') return;
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (secretFieldPattern.test(key)) {
      for (const item of [field].flat()) {
        if (typeof item === 'string') registerRequestSecrets(item);
      }
    }
    collectSecrets(field, depth + 1);
  }
}
