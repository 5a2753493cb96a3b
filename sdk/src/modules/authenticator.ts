import type { PluginRequest } from './request.js';

/**
 * The result of one authenticator in the chain.
 *
 * - `authenticated`: the request runs as this user; the chain stops.
 * - `denied`: the request is refused with this status; `reason` goes to the security log.
 * - `pass`: the next authenticator decides.
 *
 * @example
 * ```ts
 * const outcome: AuthenticationOutcome = {
 *   kind: 'denied', status: 403, message: 'Authentication denied.',
 *   reason: 'token expired', failedLoginFor: 'alice',
 * };
 * ```
 * @public
 */
export type AuthenticationOutcome =
  | { readonly kind: 'authenticated'; readonly username: string }
  | {
      readonly kind: 'denied';
      readonly status: 401 | 403;
      readonly message: string;
      readonly reason: string;
      /** Counts a failed login for this user, as a wrong password would. */
      readonly failedLoginFor?: string;
    }
  | { readonly kind: 'pass' };

/**
 * Credentials parsed from the `Authorization` header.
 *
 * @example
 * ```ts
 * const secret = (credentials: RequestCredentials) => credentials.secret;
 * const user = (credentials: RequestCredentials) => (credentials.scheme === 'basic' ? credentials.username : undefined);
 * ```
 * @public
 */
export type RequestCredentials =
  | { readonly scheme: 'basic'; readonly username: string; readonly secret: string }
  | { readonly scheme: 'bearer'; readonly secret: string };

/**
 * An authenticator a plugin adds to the chain. Authenticators run in ascending weight for
 * requests that carry an `Authorization` header; the host's password check runs last.
 *
 * @example
 * ```ts
 * modules.addAuthenticator({
 *   name: 'example-header',
 *   weight: 10,
 *   async authenticate(request, credentials) {
 *     return credentials.scheme === 'bearer' && credentials.secret === 'let-me-in'
 *       ? { kind: 'authenticated', username: 'alice' }
 *       : { kind: 'pass' };
 *   },
 * });
 * ```
 * @public
 */
export interface AuthenticatorModule {
  readonly name: string;
  readonly weight: number;
  authenticate(request: PluginRequest, credentials: RequestCredentials): Promise<AuthenticationOutcome>;
}
