import type { Kysely, Migration } from 'kysely';

/**
 * A plugin's own tables. Every table name the plugin uses is rewritten to
 * `AO_<first 6 hex digits of MD5(plugin key)>_<NAME>`, so a plugin cannot reach the host's
 * tables or another plugin's.
 *
 * @example
 * ```ts
 * interface Tables { greeting: { id: number; text: string } }
 * const db = database.getKysely<Tables>();
 * await database.migrate({
 *   '001_create_greeting': {
 *     up: (db) => db.schema.createTable('greeting')
 *       .addColumn('id', 'integer', (c) => c.primaryKey())
 *       .addColumn('text', 'text', (c) => c.notNull()).execute(),
 *   },
 * });
 * await db.insertInto('greeting').values({ id: 1, text: 'hello' }).execute();
 * ```
 * @public
 */
export interface PluginDatabase {
  /** The table prefix, for example `AO_21D670_`. */
  readonly tablePrefix: string;
  getKysely<TTables>(): Kysely<TTables>;
  /** Runs the migrations not yet applied, in the order of their names. */
  migrate(migrations: Readonly<Record<string, Migration>>): Promise<void>;
}
