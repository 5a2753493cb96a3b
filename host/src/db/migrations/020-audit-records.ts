import type { Kysely, Migration } from 'kysely';

/** The audit log. JSON columns keep a record's lists whole; `search_text` serves the text filter. */
export const auditRecords: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_records')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('timestamp', 'integer', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_type', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('affected_objects', 'text', (c) => c.notNull())
      .addColumn('changed_values', 'text', (c) => c.notNull())
      .addColumn('attributes', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .execute();
    // The page and REST list newest first; the index also serves the time-range filter and pruning by age.
    await db.schema.createIndex('audit_records_timestamp').on('audit_records').columns(['timestamp', 'id']).execute();
    await db.schema.createIndex('audit_records_category').on('audit_records').column('category').execute();
  },
};
