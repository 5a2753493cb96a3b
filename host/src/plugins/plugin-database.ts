import type { Kysely, Migration } from 'kysely';
import { Migrator, sql } from 'kysely';
import type { PluginDatabase } from '@plughost/sdk';
import type { HostTables } from '../db/schema.js';
import { TablePrefixPlugin, tablePrefixOf } from './table-prefix.js';

/**
 * Creates the database service of one plugin: the host's Kysely instance (same connection,
 * same transaction queue) seen through the table prefix. The plugin's migrations are recorded
 * in its own `AO_<hash>_MIGRATIONS` table.
 */
export function createPluginDatabase(hostDb: Kysely<HostTables>, pluginKey: string): PluginDatabase {
  const prefix = tablePrefixOf(pluginKey);
  const pluginDb = hostDb.withPlugin(new TablePrefixPlugin(prefix));
  return {
    tablePrefix: prefix,
    getKysely<TTables>() {
      return pluginDb as unknown as Kysely<TTables>;
    },
    async migrate(migrations: Readonly<Record<string, Migration>>) {
      // The migrator itself runs unprefixed, because it inspects sqlite_master; each migration
      // receives the prefixed view of the connection or transaction it runs in.
      const prefixed: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) {
        prefixed[name] = {
          up: (db) => migration.up(db.withPlugin(new TablePrefixPlugin(prefix))),
          ...(migration.down ? { down: (db: Kysely<any>) => migration.down!(db.withPlugin(new TablePrefixPlugin(prefix))) } : {}),
        };
      }
      const migrator = new Migrator({
        db: hostDb,
        provider: { getMigrations: async () => prefixed },
        migrationTableName: `${prefix}MIGRATIONS`,
        migrationLockTableName: `${prefix}MIGRATIONS_LOCK`,
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((result) => result.status === 'Error')?.migrationName;
        throw new Error(`migration ${failed ?? '(unknown)'} of plugin ${pluginKey} failed: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

/** Names of the tables that belong to a plugin, including its migration tables. */
export async function listPluginTables(hostDb: Kysely<HostTables>, pluginKey: string): Promise<string[]> {
  const prefix = tablePrefixOf(pluginKey);
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and substr(name, 1, ${prefix.length}) = ${prefix}`.execute(hostDb);
  return rows.rows.map((row) => row.name);
}

/** Drops every table with the plugin's prefix (their indexes go with them). */
export async function dropPluginTables(hostDb: Kysely<HostTables>, pluginKey: string): Promise<string[]> {
  const tables = await listPluginTables(hostDb, pluginKey);
  // Foreign keys between a plugin's tables would make the drop order matter.
  await sql`pragma foreign_keys = off`.execute(hostDb);
  try {
    for (const table of tables) await hostDb.schema.dropTable(table).ifExists().execute();
  } finally {
    await sql`pragma foreign_keys = on`.execute(hostDb);
  }
  return tables;
}
