import type { Generated, Kysely, Migration } from 'kysely';

/**
 * One API token. Only the SHA-256 digest of the raw token is stored. Times are epoch
 * milliseconds; `expires_at` is the token's own expiry, before the current maximum validity
 * is applied.
 */
export interface TokenTable {
  id: Generated<number>;
  /** Lower-case hex SHA-256 of the raw token; unique, so a lookup is one index probe. */
  digest: string;
  /** The owner's user name, lower-case. */
  username: string;
  description: string;
  created_at: number;
  expires_at: number | null;
  created_by: string;
  last_used_at: number | null;
  last_used_ip: string | null;
}

/** The plugin's tables by the names the plugin uses; the host adds the `AO_` prefix. */
export interface PluginTables {
  token: TokenTable;
}

/** The plugin's migrations, applied in name order by the plugin database service. */
export const tokenMigrations: Readonly<Record<string, Migration>> = {
  '001_create_token': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('token')
        .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
        .addColumn('digest', 'text', (column) => column.notNull().unique())
        .addColumn('username', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull())
        .addColumn('created_at', 'integer', (column) => column.notNull())
        .addColumn('expires_at', 'integer')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('last_used_at', 'integer')
        .addColumn('last_used_ip', 'text')
        .execute();
      await db.schema.createIndex('token_username').on('token').column('username').execute();
    },
  },
  // The Token Manager lists tokens by owner, newest first. With this index SQLite reads a page
  // in that order, for all owners or for a list of them, without sorting the whole table.
  '002_index_token_owner_created': {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('token_owner_created').on('token').columns(['username', 'created_at desc', 'id desc']).execute();
    },
  },
};
