import type { User } from '../services/users.js';

/**
 * Well-known web-item locations and admin sections of the host.
 *
 * @example
 * ```ts
 * modules.addWebItem({ key: 'hello-admin', location: webLocations.userAdminSection, label: 'Hello', url: '/plugins/servlet/hello/admin', condition: 'admin' });
 * ```
 * @public
 */
export const webLocations = {
  /** The top-right user menu. */
  userMenu: 'system.user.options/personal',
  /** The admin section for users and groups: "User management" in Jira, "Users & Security" in Confluence. */
  userAdminSection: 'admin.users',
  /** The admin section for the host's own system pages. */
  systemAdminSection: 'admin.system',
} as const;

/**
 * When a web item is shown. A function is evaluated on every request with the current user.
 *
 * @example
 * ```ts
 * const condition: WebCondition = async ({ user }) => user !== undefined && (await users.isMember(user.name, 'hello-users'));
 * ```
 * @public
 */
export type WebCondition =
  | 'always'
  | 'loggedIn'
  | 'admin'
  | 'systemAdmin'
  | ((context: { user: User | undefined }) => boolean | Promise<boolean>);

/**
 * A link in a menu or admin section.
 *
 * @example
 * ```ts
 * modules.addWebItem({
 *   key: 'hello-link', location: webLocations.userMenu, label: 'Hello',
 *   url: '/plugins/servlet/hello', weight: 50, condition: 'loggedIn',
 * });
 * ```
 * @public
 */
export interface WebItemModule {
  readonly key: string;
  readonly location: string;
  readonly label: string;
  /** Path relative to the base URL, starting with `/`. */
  readonly url: string;
  readonly weight?: number;
  readonly condition?: WebCondition;
}

/**
 * A titled group of web items in the admin navigation. Its `key` is the location of its items.
 *
 * @example
 * ```ts
 * modules.addWebSection({ key: 'admin.hello', label: 'Hello', weight: 90 });
 * ```
 * @public
 */
export interface WebSectionModule {
  readonly key: string;
  readonly label: string;
  readonly weight?: number;
  readonly condition?: WebCondition;
}
