/**
 * A user as plugins see it. `name` is the login name, stored lower-case.
 *
 * @example
 * ```ts
 * const user: User | undefined = request.user;
 * if (user?.active) log.info(`request by ${user.name}`);
 * ```
 * @public
 */
export interface User {
  readonly key: string;
  readonly name: string;
  readonly displayName: string;
  readonly emailAddress: string;
  readonly active: boolean;
}

/**
 * A user event delivered to listeners.
 *
 * @example
 * ```ts
 * users.onUserEvent(async (event: UserEvent) => {
 *   if (event.type === 'deleted') await db.deleteFrom('token').where('username', '=', event.username).execute();
 * });
 * ```
 * @public
 */
export interface UserEvent {
  readonly type: 'created' | 'updated' | 'deleted' | 'deactivated';
  readonly username: string;
}

/**
 * Lookup of users and groups, with the host's admin rules.
 *
 * @example
 * ```ts
 * const user = await users.getUser('alice');
 * if (user && (await users.isAdmin(user.name))) { ... }
 * ```
 * @public
 */
export interface UserService {
  /** Name of the flavour's administrators group, `jira-administrators` or `confluence-administrators`. */
  readonly adminGroup: string;
  /** Finds a user by name, case-insensitively. */
  getUser(name: string): Promise<User | undefined>;
  /** Lists users whose name, display name or e-mail contains `search` (case-insensitive). */
  findUsers(options?: { search?: string; limit?: number }): Promise<User[]>;
  /** Whether the user is active and a member of the admin group. */
  isAdmin(name: string): Promise<boolean>;
  /** Whether the user is a system administrator. This host treats admins as system admins. */
  isSystemAdmin(name: string): Promise<boolean>;
  /** Group names of the user, sorted. */
  getGroups(name: string): Promise<string[]>;
  isMember(name: string, group: string): Promise<boolean>;
  groupExists(group: string): Promise<boolean>;
  listGroups(): Promise<string[]>;
  /** Subscribes to user events; returns a function that unsubscribes. */
  onUserEvent(listener: (event: UserEvent) => void | Promise<void>): () => void;
}
