import type { Kysely, Migration } from 'kysely';

/** Logging levels saved as persistent, applied at the next start. The empty name is the root logger. */
export const loggingLevels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('logging_levels')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('level', 'text', (c) => c.notNull())
      .execute();
  },
};
