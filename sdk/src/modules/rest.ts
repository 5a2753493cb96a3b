import type { PluginRequest } from './request.js';

/**
 * Access level of a REST route: anyone, a logged-in user (else 401), or an administrator
 * (else 401 or 403).
 *
 * @example
 * ```ts
 * const access: RestAccess = 'admin';
 * ```
 * @public
 */
export type RestAccess = 'anonymous' | 'authenticated' | 'admin';

/**
 * A request to a plugin's REST route.
 *
 * @example
 * ```ts
 * const handler = (request: RestRequest) => ({ body: { id: request.params.id, sent: request.body } });
 * ```
 * @public
 */
export interface RestRequest extends PluginRequest {
  /** Path parameters such as `:id`. */
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, or `undefined`. */
  readonly body: unknown;
}

/**
 * Result of a REST handler. A missing status means 200, or 204 when there is no body.
 * The body is sent as JSON.
 *
 * @example
 * ```ts
 * const created: RestResponse = { status: 201, body: { id: 7 }, headers: { Location: '/rest/com.example.hello/1.0/greetings/7' } };
 * ```
 * @public
 */
export interface RestResponse {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One route of a REST resource.
 *
 * @example
 * ```ts
 * const route: RestRoute = { method: 'DELETE', path: '/greetings/:id', access: 'admin', handler: () => ({ status: 204 }) };
 * ```
 * @public
 */
export interface RestRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the resource's base, for example `/user/tokens/:id`. */
  readonly path: string;
  /** Default `authenticated`. */
  readonly access?: RestAccess;
  handler(request: RestRequest): Promise<RestResponse> | RestResponse;
}

/**
 * A REST resource mounted at `/rest/<key>/<version>/` and `/rest/<key>/latest/`. The key
 * defaults to the plugin key. Throw an SDK error for a 4xx answer.
 *
 * @example
 * ```ts
 * modules.addRestResource({
 *   version: '1.0',
 *   routes: [{ method: 'GET', path: '/hello', handler: (req) => ({ body: { hello: req.user?.name } }) }],
 * });
 * ```
 * @public
 */
export interface RestResourceModule {
  readonly key?: string;
  readonly version: string;
  readonly routes: readonly RestRoute[];
}
