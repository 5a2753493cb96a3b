import type { Context, Next } from 'koa';
import type { Logger, PluginRequest } from '@plughost/sdk';
import { registerRequestSecrets, currentRequestContext } from '../server/request-context.js';
import { isRestPath, type HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { AuthenticatorChain } from './authenticator-chain.js';
import { authenticationFailedMessage, captchaReasonPrefix, isCaptchaDenial } from './password-authenticator.js';
import { MalformedAuthorizationError, parseAuthorization } from './basic-credentials.js';
import type { SessionStore } from './session-store.js';
import { sessionLabel } from './session-store.js';
import type { LoginCounters } from '../users/login-counters.js';

export const sessionCookieName = 'JSESSIONID';

export interface AuthenticationDependencies {
  readonly chain: AuthenticatorChain;
  readonly sessions: SessionStore;
  readonly users: UserDirectory;
  readonly counters: LoginCounters;
  readonly securityLog: Logger;
  /** The chain's final password authenticator, which logs its own outcomes. */
  readonly passwordAuthenticatorName: string;
  readonly productName: string;
  readonly loginUrl: string;
}

/** Builds the plugin-facing view of a request. */
export function toPluginRequest(ctx: Context & { state: HostState }): PluginRequest {
  return {
    method: ctx.method,
    path: ctx.path,
    query: ctx.query as Record<string, string | undefined>,
    headers: ctx.headers,
    remoteAddress: ctx.state.remoteAddress,
    user: ctx.state.user,
    authMethod: ctx.state.authMethod,
    requestId: ctx.state.requestId,
  };
}

/**
 * Decides who makes the request. A request with an `Authorization` header is authenticated by
 * it alone; without one the session cookie decides; without that the request is anonymous.
 * Sets `X-AUSERNAME` and, where authentication was tried, `X-Seraph-LoginReason`.
 */
export function authenticateRequest(deps: AuthenticationDependencies) {
  return async function authenticate(ctx: Context & { state: HostState }, next: Next): Promise<void> {
    const header = ctx.get('authorization');
    if (header) {
      const handled = await authenticateByHeader(ctx, header, deps);
      if (!handled) return;
    } else {
      await authenticateBySession(ctx, deps);
    }
    ctx.set('X-AUSERNAME', ctx.state.user?.name ?? 'anonymous');
    const context = currentRequestContext();
    if (context) context.username = ctx.state.user?.name;
    await next();
  };
}

/** Returns false when the request was answered here (failed or denied). */
async function authenticateByHeader(ctx: Context & { state: HostState }, header: string, deps: AuthenticationDependencies): Promise<boolean> {
  registerRequestSecrets(header, header.replace(/^\S+\s+/, ''));
  let credentials;
  try {
    credentials = parseAuthorization(header);
  } catch (error) {
    if (!(error instanceof MalformedAuthorizationError)) throw error;
    deps.securityLog.info(`Rejected a malformed Authorization header: ${error.message}`);
    refuse(ctx, 401, `The Authorization header is malformed: ${error.message}. Send "Basic <base64 of user:password>" or "Bearer <token>".`, deps);
    return false;
  }
  if (!credentials) {
    deps.securityLog.info('Rejected an Authorization header with an unsupported scheme');
    refuse(ctx, 401, 'The Authorization scheme is not supported: use Basic or Bearer.', deps);
    return false;
  }
  registerRequestSecrets(credentials.secret);

  const outcome = await deps.chain.authenticate(toPluginRequest(ctx), credentials);
  if (outcome.kind === 'authenticated') {
    const user = await deps.users.getUser(outcome.username);
    if (!user || !user.active) {
      deps.securityLog.warn(`Authenticator ${outcome.authenticator} accepted ${outcome.username}, who is unknown or deactivated`);
      refuse(ctx, 401, authenticationFailedMessage, deps);
      return false;
    }
    ctx.state.user = user;
    ctx.state.authMethod = outcome.authenticator;
    ctx.set('X-Seraph-LoginReason', 'OK');
    return true;
  }

  if (outcome.failedLoginFor) await deps.counters.recordFailure(outcome.failedLoginFor);
  // The password authenticator writes its own security log line for every attempt.
  if (outcome.authenticator !== deps.passwordAuthenticatorName) {
    deps.securityLog.info(`Authentication ${outcome.status === 403 ? 'denied' : 'failed'} by ${outcome.authenticator}: ${outcome.reason}`);
  }
  if (isCaptchaDenial(outcome)) {
    ctx.set('X-Authentication-Denied-Reason', `${captchaReasonPrefix}; login-url=${deps.loginUrl}`);
  }
  refuse(ctx, outcome.status, outcome.message, deps);
  return false;
}

async function authenticateBySession(ctx: Context & { state: HostState }, deps: AuthenticationDependencies): Promise<void> {
  const id = ctx.cookies.get(sessionCookieName);
  if (!id) return;
  registerRequestSecrets(id);
  const row = await deps.sessions.find(id);
  if (!row) return;
  const user = await deps.users.getUser(row.user_name);
  if (!user || !user.active) {
    await deps.sessions.destroy(id);
    return;
  }
  ctx.state.user = user;
  ctx.state.authMethod = 'session';
  ctx.state.session = { id, row };
  const context = currentRequestContext();
  if (context) {
    context.sessionHash = sessionLabel(id);
    context.channel = 'Browser';
  }
}

function refuse(ctx: Context, status: 401 | 403, message: string, deps: AuthenticationDependencies): void {
  ctx.status = status;
  ctx.set('X-AUSERNAME', 'anonymous');
  if (status === 401) {
    ctx.set('X-Seraph-LoginReason', 'AUTHENTICATED_FAILED');
    ctx.set('WWW-Authenticate', `Basic realm="${deps.productName}"`);
  } else {
    ctx.set('X-Seraph-LoginReason', 'AUTHENTICATION_DENIED');
  }
  if (isRestPath(ctx.path) || !ctx.accepts('html')) {
    ctx.body = { errorMessages: [message], errors: {} };
  } else {
    ctx.type = 'text/plain';
    ctx.body = message;
  }
}
