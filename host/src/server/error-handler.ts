import type { Context, Next } from 'koa';
import { PlughostError, type Logger } from '@plughost/sdk';
import { isDatabaseBusy } from '../db/database.js';
import { isRestPath, type HostState } from './host-state.js';

/** An error page renderer, so this module does not depend on the templates. */
export type ErrorPageRenderer = (ctx: Context & { state: HostState }, status: number, title: string, message: string) => Promise<void>;

interface Answer {
  status: number;
  title: string;
  message: string;
  fieldErrors: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * Maps every thrown error to one response. Domain errors get their status and message, body
 * parse errors 400, a body over the limit 413 naming the limit, and a busy database 503 with
 * Retry-After. Anything else is a 500 whose message names only the request id.
 * Unmatched routes get 404, and a method the path does not allow gets 405 (501 for a method no
 * route knows) with the `Allow` header the router set.
 */
export function errorHandler(log: Logger, renderErrorPage: ErrorPageRenderer) {
  return async function handleErrors(ctx: Context & { state: HostState }, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        await respond(ctx, { status: 404, title: 'Not found', message: `Nothing is found at ${ctx.path}.`, fieldErrors: {} }, renderErrorPage);
      } else if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        await respond(ctx, methodAnswer(ctx), renderErrorPage);
      }
    } catch (error) {
      const answer = toAnswer(error, ctx.state.requestId);
      if (answer.status >= 500 && answer.status !== 503) log.error(`Request ${ctx.method} ${ctx.path} failed`, error);
      else if (answer.status === 503) log.warn(`Request ${ctx.method} ${ctx.path} found the database busy`, error);
      await respond(ctx, answer, renderErrorPage);
    }
  };
}

function toAnswer(error: unknown, requestId: string): Answer {
  if (error instanceof PlughostError) {
    const fieldErrors = 'fieldErrors' in error ? { ...(error.fieldErrors as Record<string, string>) } : {};
    return { status: error.status, title: error.name, message: error.message, fieldErrors };
  }
  if (isDatabaseBusy(error)) {
    return {
      status: 503,
      title: 'Service unavailable',
      message: 'The database is busy. Retry the request in a moment.',
      fieldErrors: {},
      headers: { 'Retry-After': '1' },
    };
  }
  const httpError = error as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown; limit?: unknown };
  if (error instanceof SyntaxError && httpError.status === 400) return invalidJsonAnswer(error);
  if (httpError?.status === 413 && typeof httpError.limit === 'number') {
    const message = `The request body is larger than the limit of ${formatBytes(httpError.limit)}. Send a smaller body.`;
    return { status: 413, title: 'Request body too large', message, fieldErrors: {} };
  }
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500 && httpError.expose) {
    return { status: httpError.status, title: 'Bad request', message: String(httpError.message), fieldErrors: {} };
  }
  return {
    status: 500,
    title: 'Internal server error',
    message: `The server could not complete the request. Quote request id ${requestId} to an administrator, who finds the details in the log.`,
    fieldErrors: {},
  };
}

/** Builds the response for a method the router rejected; `allowedMethods` already set the `Allow` header on a 405. */
function methodAnswer(ctx: Context): Answer {
  if (ctx.status === 501) {
    return { status: 501, title: 'Not implemented', message: `The method ${ctx.method} is not supported by this server.`, fieldErrors: {} };
  }
  const allowed = ctx.response.get('Allow');
  const message = `The method ${ctx.method} is not allowed on ${ctx.path}. Use ${allowed === '' ? 'another method' : allowed.split(/,\s*/).join(', ')}.`;
  return { status: 405, title: 'Method not allowed', message, fieldErrors: {} };
}

/** Formats a byte count the way the body limits are configured: whole MB or KB where exact. */
function formatBytes(bytes: number): string {
  const megabyte = 1024 * 1024;
  if (bytes >= megabyte && bytes % megabyte === 0) return `${bytes / megabyte} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** The 400 answer for a JSON body the parser rejected. */
function invalidJsonAnswer(error: SyntaxError): Answer {
  if (error.message.startsWith('invalid JSON, only supports object and array')) {
    // The strict JSON parser rejects a top-level number, string or null before parsing.
    const message = 'The request body must be a JSON object. Send a JSON object with Content-Type: application/json.';
    return { status: 400, title: 'Bad request', message, fieldErrors: {} };
  }
  // The parser's message can quote the body, which may hold a password, so only the position is kept.
  const position = /position (\d+)/.exec(error.message)?.[1];
  const where = position === undefined ? '' : ` at position ${position}`;
  const message = `The request body is not valid JSON${where}. Send a JSON object with Content-Type: application/json.`;
  return { status: 400, title: 'Bad request', message, fieldErrors: {} };
}

async function respond(ctx: Context & { state: HostState }, answer: Answer, renderErrorPage: ErrorPageRenderer): Promise<void> {
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
  if (isRestPath(ctx.path) || !ctx.accepts('html') || ctx.get('accept').includes('application/json')) {
    ctx.body = { errorMessages: [answer.message], errors: answer.fieldErrors };
    return;
  }
  try {
    await renderErrorPage(ctx, answer.status, answer.title, answer.message);
  } catch {
    ctx.type = 'text/plain';
    ctx.body = answer.message;
  }
}
