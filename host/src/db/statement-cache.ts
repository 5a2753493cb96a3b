import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Maximum number of statements kept per connection. Kysely builds the same SQL text for the same
 * query shape, so the host and the bundled plugin use far fewer distinct texts (an estimate from
 * reading their queries). Beyond the maximum, for example with IN lists of many lengths, the
 * least recently used statement is dropped.
 */
export const defaultMaxStatements = 500;

/**
 * Wraps a better-sqlite3 connection for Kysely's SqliteDialect so that `prepare` returns a
 * cached statement for SQL text it has seen before. Kysely's SQLite driver prepares every query
 * anew (kysely 0.28), and in a CPU profile of `scripts/bench-token-auth.mjs` load, `prepare`
 * took more time than running the prepared lookups.
 *
 * Reuse is safe because Kysely runs one query at a time on its single SQLite connection (a
 * mutex guards it), and SQLite recompiles a cached statement by itself after a schema change.
 * A statement that is still busy (an unfinished `iterate`) is never handed out twice: the
 * caller then gets a fresh, uncached one.
 */
export function cachingDatabase(sqlite: SqliteDatabase.Database, maxStatements = defaultMaxStatements): KyselySqliteDatabase {
  // A Map keeps insertion order; a hit is moved to the end, so the first key is the least recently used.
  const statements = new Map<string, SqliteDatabase.Statement>();

  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (cached) return statement as SqliteStatement;
      statements.set(sql, statement);
      if (statements.size > maxStatements) statements.delete(statements.keys().next().value!);
      return statement as SqliteStatement;
    },
    close(): void {
      statements.clear();
      sqlite.close();
    },
  };
}
