import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { HostTables } from './schema.js';
import { hostMigrationProvider } from './migrations/index.js';
import { cachingDatabase } from './statement-cache.js';

/**
 * How long a statement waits for a lock held by another connection before failing with SQLITE_BUSY.
 * NOTE: better-sqlite3 waits synchronously, so while one statement waits, every other request of
 * the process waits too; the request then gets 503 with Retry-After from the error handler.
 */
export const busyTimeoutMs = 5000;

export interface HostDatabase {
  readonly db: Kysely<HostTables>;
  /** The raw connection, for plugin databases that share the file. */
  readonly sqlite: SqliteDatabase.Database;
  readonly file: string;
  close(): Promise<void>;
}

/** Opens (creating if needed) `<dataDir>/plughost.db` in WAL mode and applies the host migrations. */
export async function openHostDatabase(dataDir: string): Promise<HostDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'plughost.db');
  const sqlite = new SqliteDatabase(file);
  // Only the host's user may read password hashes and token digests; SQLite gives the WAL and
  // shared-memory files the same mode as the database file.
  fs.chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<HostTables>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });

  const migrator = new Migrator({ db, provider: hostMigrationProvider, migrationTableName: 'host_migrations', migrationLockTableName: 'host_migrations_lock' });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`database migration failed for ${file}: ${(error as Error).message}`, { cause: error });
  }
  return {
    db,
    sqlite,
    file,
    close: () => db.destroy(),
  };
}

/** Whether an error means the database is busy or locked and the request may be retried. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Whether an error is a UNIQUE or PRIMARY KEY violation, such as a parallel insert of the same name. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
