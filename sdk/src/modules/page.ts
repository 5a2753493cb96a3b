import type { PluginRequest } from './request.js';

/**
 * A request to a plugin page.
 *
 * @example
 * ```ts
 * const handler = (request: PageRequest): PageResult => ({
 *   kind: 'render', title: 'Tab', template: '<p>{{tab}} {{submitted}}</p>',
 *   context: { tab: request.params.tab, submitted: request.form.text },
 * });
 * ```
 * @public
 */
export interface PageRequest extends PluginRequest {
  /** Form fields of a POST, after the host checked its `atl_token`. Repeated fields are arrays. */
  readonly form: Readonly<Record<string, string | string[]>>;
  /** The `atl_token` value to put into every form the page renders. */
  readonly xsrfToken: string;
  /** Path parameters of the page path, such as `:tab`. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Result of a page handler: a template rendered inside the host layout, or a redirect.
 * Templates are Handlebars source; `{{value}}` escapes, and the context always contains
 * `atlToken`, `baseUrl` and `user`.
 *
 * @example
 * ```ts
 * const saved: PageResult = { kind: 'redirect', location: '/plugins/servlet/hello?saved=true' };
 * ```
 * @public
 */
export type PageResult =
  | {
      readonly kind: 'render';
      readonly title: string;
      readonly template: string;
      readonly context?: Readonly<Record<string, unknown>>;
      readonly status?: number;
    }
  | { readonly kind: 'redirect'; readonly location: string };

/**
 * Access level of a page. `authenticated` sends anonymous browsers to the login page; `admin`
 * also passes the host's admin page checks (such as WebSudo).
 *
 * @example
 * ```ts
 * modules.addPage({ path: 'hello/admin', access: 'admin' satisfies PageAccess, handler });
 * ```
 * @public
 */
export type PageAccess = 'anonymous' | 'authenticated' | 'admin';

/**
 * A page served at `/plugins/servlet/<path>` inside the host layout. GET and POST go to the
 * same handler; a POST reaches it only with a valid `atl_token`.
 *
 * @example
 * ```ts
 * modules.addPage({
 *   path: 'hello',
 *   handler: (req) => ({ kind: 'render', title: 'Hello', template: '<p>Hello {{name}}</p>',
 *     context: { name: req.user?.displayName } }),
 * });
 * ```
 * @public
 */
export interface PageModule {
  readonly path: string;
  /** Default `authenticated`. */
  readonly access?: PageAccess;
  handler(request: PageRequest): Promise<PageResult> | PageResult;
}
