import type { User } from '../services/users.js';

/**
 * The parts of an HTTP request a plugin module sees. Header names are lower-case.
 *
 * @example
 * ```ts
 * function describe(request: PluginRequest): string {
 *   return `${request.method} ${request.path} by ${request.user?.name ?? 'anonymous'} from ${request.remoteAddress}`;
 * }
 * ```
 * @public
 */
export interface PluginRequest {
  readonly method: string;
  /** Path without the query string, for example `/rest/api/2/myself`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The address of the connecting peer (the TCP socket), without any header applied. */
  readonly remoteAddress: string;
  /** The authenticated user, if any. */
  readonly user: User | undefined;
  /** How the user was authenticated: `session`, a plugin's authenticator name, `basic`, or `anonymous`. */
  readonly authMethod: string;
  /** Unique id of this request, also written in log lines. */
  readonly requestId: string;
}
