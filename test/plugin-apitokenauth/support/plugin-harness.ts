/**
 * Builds the plugin's services on a real in-memory SQLite database, with small in-memory
 * stand-ins for the host's users, audit, settings, logger and clock, so the token logic can be
 * tested without starting a host.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { AuditEventInput, AuditService, Clock, Logger, LogLevel, PluginSettings, User, UserEvent, UserService } from '@plughost/sdk';
import { LastUseRecorder } from '@plughost/plugin-apitokenauth/dist/authentication/last-use-recorder.js';
import { TokenAuthenticator } from '@plughost/plugin-apitokenauth/dist/authentication/token-authenticator.js';
import { TokenChecker } from '@plughost/plugin-apitokenauth/dist/authentication/token-check.js';
import { createClientAddressPolicyCache } from '@plughost/plugin-apitokenauth/dist/client-address/client-address-policy.js';
import { PermissionChecker } from '@plughost/plugin-apitokenauth/dist/permissions/permission-checker.js';
import { SettingsStore } from '@plughost/plugin-apitokenauth/dist/settings/settings-store.js';
import { TokenAudit } from '@plughost/plugin-apitokenauth/dist/tokens/token-audit.js';
import { TokenRepository } from '@plughost/plugin-apitokenauth/dist/tokens/token-repository.js';
import { tokenMigrations, type PluginTables } from '@plughost/plugin-apitokenauth/dist/tokens/token-schema.js';
import { TokenService } from '@plughost/plugin-apitokenauth/dist/tokens/token-service.js';

export const adminGroup = 'jira-administrators';

/** Users and groups in memory, with the host's lower-case names and admin rule. */
export class MemoryUsers implements UserService {
  readonly adminGroup = adminGroup;
  readonly users = new Map<string, User>();
  readonly memberships = new Map<string, Set<string>>();
  private readonly listeners = new Set<(event: UserEvent) => void | Promise<void>>();

  add(name: string, groups: string[] = [], active = true): User {
    const user = { key: name, name, displayName: name.toUpperCase(), emailAddress: `${name}@example.com`, active };
    this.users.set(name, user);
    this.memberships.set(name, new Set(groups));
    return user;
  }

  setActive(name: string, active: boolean): void {
    this.users.set(name, { ...this.users.get(name)!, active });
  }

  async remove(name: string): Promise<void> {
    this.users.delete(name);
    for (const listener of this.listeners) await listener({ type: 'deleted', username: name });
  }

  async getUser(name: string) {
    return this.users.get(name.toLowerCase());
  }
  async findUsers() {
    return [...this.users.values()];
  }
  async isAdmin(name: string) {
    const user = this.users.get(name.toLowerCase());
    return user !== undefined && user.active && (await this.isMember(name, adminGroup));
  }
  async isSystemAdmin(name: string) {
    return this.isAdmin(name);
  }
  async getGroups(name: string) {
    return [...(this.memberships.get(name.toLowerCase()) ?? [])].sort();
  }
  async isMember(name: string, group: string) {
    return this.memberships.get(name.toLowerCase())?.has(group.toLowerCase()) ?? false;
  }
  async groupExists() {
    return true;
  }
  async listGroups() {
    return [adminGroup];
  }
  onUserEvent(listener: (event: UserEvent) => void | Promise<void>) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A logger that keeps every line it is given, with its level. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; message: string }> = [];
  trace(message: string) {
    this.lines.push({ level: 'TRACE', message });
  }
  debug(message: string) {
    this.lines.push({ level: 'DEBUG', message });
  }
  info(message: string) {
    this.lines.push({ level: 'INFO', message });
  }
  warn(message: string) {
    this.lines.push({ level: 'WARN', message });
  }
  error(message: string) {
    this.lines.push({ level: 'ERROR', message });
  }
  fatal(message: string) {
    this.lines.push({ level: 'FATAL', message });
  }
  isEnabled() {
    return true;
  }
  messages(level: LogLevel): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}

/** A clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(public current = new Date('2026-03-01T12:00:00.000Z')) {}
  now() {
    return new Date(this.current.getTime());
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

class MemorySettings implements PluginSettings {
  readonly values = new Map<string, unknown>();
  async get<T>(key: string) {
    return this.values.get(key) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
  async remove(key: string) {
    this.values.delete(key);
  }
}

class RecordingAudit implements AuditService {
  readonly records: AuditEventInput[] = [];
  async record(event: AuditEventInput) {
    this.records.push(event);
  }
}

export interface PluginHarness {
  readonly users: MemoryUsers;
  readonly clock: ManualClock;
  readonly log: RecordingLogger;
  readonly audit: RecordingAudit;
  readonly store: SettingsStore;
  readonly repository: TokenRepository;
  readonly tokens: TokenService;
  readonly authenticator: TokenAuthenticator;
  readonly sqlite: Database.Database;
  /** Every query the plugin ran, in order, so tests can check their plans. */
  readonly executedQueries: CompiledQuery[];
  close(): Promise<void>;
}

/** Creates the plugin's services with users `admin` (admin group), `alice` and `bob`. */
export async function createHarness(): Promise<PluginHarness> {
  const sqlite = new Database(':memory:');
  const executedQueries: CompiledQuery[] = [];
  const db = new Kysely<PluginTables>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') executedQueries.push(event.query);
    },
  });
  for (const name of Object.keys(tokenMigrations).sort()) await tokenMigrations[name]!.up(db as Kysely<any>);

  const users = new MemoryUsers();
  users.add('admin', [adminGroup, 'jira-software-users']);
  users.add('alice', ['jira-software-users']);
  users.add('bob', ['jira-software-users']);
  const clock = new ManualClock();
  const log = new RecordingLogger();
  const audit = new RecordingAudit();
  const store = new SettingsStore(new MemorySettings(), adminGroup);
  await store.load();

  const repository = new TokenRepository(db);
  const permissions = new PermissionChecker(users, store);
  const tokens = new TokenService(repository, users, permissions, store, new TokenAudit(audit), clock);
  const checker = new TokenChecker(repository, users, permissions, store, clock);
  const authenticator = new TokenAuthenticator(checker, store, new LastUseRecorder(repository, clock, log), log, createClientAddressPolicyCache(() => store.getSettings()));
  users.onUserEvent(async (event) => {
    if (event.type === 'deleted') await tokens.deleteForRemovedUser(event.username);
  });
  return { users, clock, log, audit, store, repository, tokens, authenticator, sqlite, executedQueries, close: () => db.destroy() };
}

/** A REST request as the host hands it to an authenticator. */
export function restRequest(path = '/rest/api/2/myself') {
  return { method: 'GET', path, query: {}, headers: {}, remoteAddress: '127.0.0.1', user: undefined, authMethod: 'anonymous', requestId: 'r1' };
}
