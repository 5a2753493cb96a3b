import type { Kysely, Migration } from 'kysely';

/**
 * Installed plugins with their recorded state, the upgrade tasks each has completed, and the
 * bundled plugins already offered once (so an uninstalled bundled plugin stays uninstalled).
 */
export const plugins: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plugins')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('failure_reason', 'text')
      .addColumn('installed_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('plugin_upgrade_tasks')
      .addColumn('plugin_key', 'text', (c) => c.notNull())
      .addColumn('build_number', 'integer', (c) => c.notNull())
      .addColumn('completed_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('plugin_upgrade_tasks_pk', ['plugin_key', 'build_number'])
      .execute();
    await db.schema
      .createTable('bundled_plugins_offered')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('offered_at', 'integer', (c) => c.notNull())
      .execute();
  },
};
