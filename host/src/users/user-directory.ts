import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { ConflictError, InvalidInputError, NotFoundError, precompiledQuery, type User, type UserService } from '@plughost/sdk';
import { isUniqueViolation } from '../db/database.js';
import type { HostTables, UsersTable } from '../db/schema.js';
import type { Flavour } from '../product/flavours.js';
import { hashPassword } from './password-hasher.js';
import { clearRequestUserCache, requestUserCache } from './request-user-cache.js';
import type { DirectoryEvents } from './user-events.js';
import {
  checkBoolean,
  checkEmail,
  checkFields,
  checkPassword,
  checkText,
  maxDisplayNameLength,
  normaliseName,
} from './validation.js';

export type UserRow = Selectable<UsersTable>;

/** A user with the login counters the admin pages show. */
export interface UserDetails extends User {
  readonly createdAt: number;
  readonly failedLoginCurrent: number;
  readonly failedLoginTotal: number;
  readonly lastFailedLoginAt: number | null;
  readonly loginCount: number;
  readonly lastLoginAt: number | null;
}

export interface NewUser {
  name: unknown;
  password: unknown;
  displayName: unknown;
  emailAddress: unknown;
  groups?: readonly string[];
}

export interface UserChanges {
  displayName?: unknown;
  emailAddress?: unknown;
  active?: unknown;
  password?: unknown;
}

export function toUser(row: UserRow): User {
  return {
    key: row.name,
    name: row.name,
    displayName: row.display_name,
    emailAddress: row.email,
    active: row.active === 1,
  };
}

function toDetails(row: UserRow): UserDetails {
  return {
    ...toUser(row),
    createdAt: row.created_at,
    failedLoginCurrent: row.failed_login_current,
    failedLoginTotal: row.failed_login_total,
    lastFailedLoginAt: row.last_failed_login_at,
    loginCount: row.login_count,
    lastLoginAt: row.last_login_at,
  };
}

/**
 * Users, groups and memberships in the host database. Names are stored lower-case, so every
 * lookup is case-insensitive. Implements the SDK's UserService for plugins.
 */
export class UserDirectory implements UserService {
  readonly adminGroup: string;
  // The lookups every authenticated request makes, compiled once.
  private readonly selectUserByName;
  private readonly selectGroupsOfUser;

  constructor(
    private readonly db: Kysely<HostTables>,
    private readonly flavour: Flavour,
    private readonly events: DirectoryEvents,
    private readonly now: () => Date,
  ) {
    this.adminGroup = flavour.adminGroup;
    this.selectUserByName = precompiledQuery(db, (name: string) => db.selectFrom('users').selectAll().where('name', '=', name));
    this.selectGroupsOfUser = precompiledQuery(db, (name: string) =>
      db.selectFrom('memberships').select('group_name').where('user_name', '=', name).orderBy('group_name'),
    );
  }

  /** Looks up a user; the result is reused within the current request (see requestUserCache). */
  async getUser(name: string): Promise<User | undefined> {
    // The cache is taken before the query: a write of this request meanwhile replaces it, so a
    // result read before the write cannot land in the new one.
    const cache = typeof name === 'string' ? requestUserCache() : undefined;
    const key = typeof name === 'string' ? name.toLowerCase() : '';
    if (cache?.users.has(key)) return cache.users.get(key);
    const row = await this.findRow(name);
    const user = row ? Object.freeze(toUser(row)) : undefined;
    cache?.users.set(key, user);
    return user;
  }

  async getUserDetails(name: string): Promise<UserDetails | undefined> {
    const row = await this.findRow(name);
    return row ? toDetails(row) : undefined;
  }

  /** The stored row with the password hash; for the password authenticator only. */
  async findRow(name: string): Promise<UserRow | undefined> {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) return undefined;
    const [row] = await this.selectUserByName(name.toLowerCase());
    return row;
  }

  async findUsers(options: { search?: string; limit?: number; offset?: number } = {}): Promise<User[]> {
    return (await this.findUserDetails(options)).map(({ key, name, displayName, emailAddress, active }) => ({
      key,
      name,
      displayName,
      emailAddress,
      active,
    }));
  }

  async findUserDetails(options: { search?: string; limit?: number; offset?: number } = {}): Promise<UserDetails[]> {
    let query = this.db.selectFrom('users').selectAll().orderBy('name');
    const search = options.search?.trim().toLowerCase();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('name', 'like', sql<string>`${pattern} escape '\\'`),
          eb(sql`lower(display_name)`, 'like', sql<string>`${pattern} escape '\\'`),
          eb(sql`lower(email)`, 'like', sql<string>`${pattern} escape '\\'`),
        ]),
      );
    }
    const rows = await query
      .limit(options.limit ?? 1000)
      .offset(options.offset ?? 0)
      .execute();
    return rows.map(toDetails);
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async isAdmin(name: string): Promise<boolean> {
    const user = await this.findRow(name);
    return user !== undefined && user.active === 1 && (await this.isMember(user.name, this.adminGroup));
  }

  async isSystemAdmin(name: string): Promise<boolean> {
    return this.isAdmin(name);
  }

  /** Lists the groups of a user, sorted; the list is reused within the current request. */
  async getGroups(name: string): Promise<string[]> {
    const cache = requestUserCache();
    const key = name.toLowerCase();
    const cached = cache?.groups.get(key);
    if (cached) return [...cached];
    const rows = await this.selectGroupsOfUser(key);
    const groups = rows.map((row) => row.group_name);
    cache?.groups.set(key, Object.freeze([...groups]));
    return groups;
  }

  async isMember(name: string, group: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('memberships')
      .select('user_name')
      .where('user_name', '=', name.toLowerCase())
      .where('group_name', '=', group.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  }

  async groupExists(group: string): Promise<boolean> {
    if (typeof group !== 'string' || group.length === 0) return false;
    const row = await this.db.selectFrom('groups').select('name').where('name', '=', group.toLowerCase()).executeTakeFirst();
    return row !== undefined;
  }

  async listGroups(): Promise<string[]> {
    const rows = await this.db.selectFrom('groups').select('name').orderBy('name').execute();
    return rows.map((row) => row.name);
  }

  async listGroupsWithCounts(): Promise<Array<{ name: string; members: number }>> {
    const rows = await this.db
      .selectFrom('groups')
      .leftJoin('memberships', 'memberships.group_name', 'groups.name')
      .select(['groups.name as name', (eb) => eb.fn.count<number>('memberships.user_name').as('members')])
      .groupBy('groups.name')
      .orderBy('groups.name')
      .execute();
    return rows.map((row) => ({ name: row.name, members: Number(row.members) }));
  }

  async listMembers(group: string): Promise<string[]> {
    await this.requireGroup(group);
    const rows = await this.db
      .selectFrom('memberships')
      .select('user_name')
      .where('group_name', '=', group.toLowerCase())
      .orderBy('user_name')
      .execute();
    return rows.map((row) => row.user_name);
  }

  onUserEvent(listener: Parameters<UserService['onUserEvent']>[0]): () => void {
    return this.events.subscribe(async (event) => {
      if (event.type === 'user.created') await listener({ type: 'created', username: event.username });
      if (event.type === 'user.deleted') await listener({ type: 'deleted', username: event.username });
      if (event.type === 'user.updated') {
        const deactivated = event.changes.some((change) => change.key === 'active' && change.to === 'false');
        await listener({ type: deactivated ? 'deactivated' : 'updated', username: event.username });
      }
    });
  }

  subscribe(listener: Parameters<DirectoryEvents['subscribe']>[0]): () => void {
    return this.events.subscribe(listener);
  }

  /** Creates a user in the flavour's default group (or the given groups). Validates every field first. */
  async createUser(input: NewUser): Promise<User> {
    const { name, password, displayName, email } = checkFields({
      name: () => normaliseName('name', input.name),
      password: () => checkPassword(input.password),
      displayName: () => checkText('displayName', 'a display name', input.displayName, maxDisplayNameLength, true),
      email: () => checkEmail(input.emailAddress, true),
    });
    const groups = [...new Set((input.groups ?? [this.flavour.defaultUserGroup]).map((group) => group.toLowerCase()))];
    for (const group of groups) {
      if (!(await this.groupExists(group))) {
        throw new InvalidInputError(`group ${group} does not exist`, { groups: `The group '${group.slice(0, 255)}' does not exist.` });
      }
    }
    if (await this.findRow(name)) throw duplicateUser(name);

    const passwordHash = await hashPassword(password);
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ name, display_name: displayName, email, active: 1, password_hash: passwordHash, created_at: this.now().getTime() })
          .execute();
        if (groups.length > 0) {
          await trx.insertInto('memberships').values(groups.map((group) => ({ user_name: name, group_name: group }))).execute();
        }
      });
    } catch (error) {
      // A parallel request created the same name while this one was hashing the password.
      if (isUniqueViolation(error)) throw duplicateUser(name);
      throw error;
    } finally {
      clearRequestUserCache();
    }
    await this.events.publish({ type: 'user.created', username: name, groups });
    return (await this.getUser(name))!;
  }

  async updateUser(name: string, changes: UserChanges): Promise<User> {
    const row = await this.requireRow(name);
    const update: Partial<{ display_name: string; email: string; active: number; password_hash: string }> = {};
    const changed: Array<{ key: string; from: string; to: string }> = [];

    const checked = checkFields({
      displayName: () =>
        changes.displayName === undefined ? undefined : checkText('displayName', 'a display name', changes.displayName, maxDisplayNameLength, true),
      emailAddress: () => (changes.emailAddress === undefined ? undefined : checkEmail(changes.emailAddress, true)),
      active: () => (changes.active === undefined ? undefined : checkBoolean('active', changes.active)),
      password: () => (changes.password === undefined ? undefined : checkPassword(changes.password)),
    });

    if (checked.displayName !== undefined && checked.displayName !== row.display_name) {
      update.display_name = checked.displayName;
      changed.push({ key: 'displayName', from: row.display_name, to: checked.displayName });
    }
    if (checked.emailAddress !== undefined && checked.emailAddress !== row.email) {
      update.email = checked.emailAddress;
      changed.push({ key: 'emailAddress', from: row.email, to: checked.emailAddress });
    }
    if (checked.active !== undefined && checked.active !== (row.active === 1)) {
      update.active = checked.active ? 1 : 0;
      changed.push({ key: 'active', from: String(row.active === 1), to: String(checked.active) });
    }
    if (checked.password !== undefined) {
      update.password_hash = await hashPassword(checked.password);
      // The audit record says the password changed, never what it is.
      changed.push({ key: 'password', from: '', to: 'changed' });
    }
    if (changed.length === 0) return toUser(row);

    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set(update).where('name', '=', row.name).execute();
      if (update.active === 0 || update.password_hash !== undefined) {
        // A deactivated user, or one whose password changed, keeps no open sessions.
        await trx.deleteFrom('sessions').where('user_name', '=', row.name).execute();
      }
    });
    clearRequestUserCache();
    await this.events.publish({ type: 'user.updated', username: row.name, changes: changed });
    return (await this.getUser(row.name))!;
  }

  async deleteUser(name: string): Promise<void> {
    const row = await this.requireRow(name);
    await this.db.deleteFrom('users').where('name', '=', row.name).execute();
    clearRequestUserCache();
    await this.events.publish({ type: 'user.deleted', username: row.name });
  }

  async createGroup(nameInput: unknown): Promise<string> {
    const name = normaliseName('name', nameInput);
    if (await this.groupExists(name)) throw duplicateGroup(name);
    try {
      await this.db.insertInto('groups').values({ name, created_at: this.now().getTime() }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateGroup(name);
      throw error;
    }
    await this.events.publish({ type: 'group.created', group: name });
    return name;
  }

  async deleteGroup(name: string): Promise<void> {
    const group = await this.requireGroup(name);
    if (group === this.adminGroup) {
      throw new InvalidInputError(`the group ${group} cannot be deleted`, {
        groupname: `The administrators group '${group}' cannot be deleted, because admins would lose access.`,
      });
    }
    await this.db.deleteFrom('groups').where('name', '=', group).execute();
    clearRequestUserCache();
    await this.events.publish({ type: 'group.deleted', group });
  }

  async addMember(groupName: string, userName: unknown): Promise<void> {
    const group = await this.requireGroup(groupName);
    const user = await this.requireRow(normaliseName('name', userName));
    if (await this.isMember(user.name, group)) throw duplicateMembership(user.name, group);
    try {
      await this.db.insertInto('memberships').values({ user_name: user.name, group_name: group }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateMembership(user.name, group);
      throw error;
    } finally {
      clearRequestUserCache();
    }
    await this.events.publish({ type: 'membership.added', group, username: user.name });
  }

  async removeMember(groupName: string, userName: string): Promise<void> {
    const group = await this.requireGroup(groupName);
    const user = await this.requireRow(userName);
    const result = await this.db.deleteFrom('memberships').where('group_name', '=', group).where('user_name', '=', user.name).executeTakeFirst();
    clearRequestUserCache();
    if (Number(result.numDeletedRows) === 0) {
      throw new NotFoundError(`the user ${user.name} is not a member of ${group}`);
    }
    await this.events.publish({ type: 'membership.removed', group, username: user.name });
  }

  private async requireRow(name: string): Promise<UserRow> {
    const row = typeof name === 'string' ? await this.findRow(name) : undefined;
    if (!row) throw new NotFoundError(`The user with the username '${String(name).slice(0, 255)}' does not exist.`);
    return row;
  }

  private async requireGroup(name: string): Promise<string> {
    if (typeof name !== 'string' || !(await this.groupExists(name))) {
      throw new NotFoundError(`The group '${String(name).slice(0, 255)}' does not exist.`);
    }
    return name.toLowerCase();
  }
}

function duplicateUser(name: string): ConflictError {
  return new ConflictError(`a user with the name ${name} already exists`, { name: `A user with the name '${name}' already exists.` });
}

function duplicateGroup(name: string): ConflictError {
  return new ConflictError(`a group with the name ${name} already exists`, { name: `A group with the name '${name}' already exists.` });
}

function duplicateMembership(user: string, group: string): ConflictError {
  return new ConflictError(`${user} is already a member of ${group}`, { name: `The user '${user}' is already a member of '${group}'.` });
}
