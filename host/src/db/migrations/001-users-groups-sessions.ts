import type { Kysely, Migration } from 'kysely';

export const usersGroupsSessions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('failed_login_current', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_login_total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_failed_login_at', 'integer')
      .addColumn('login_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', 'integer')
      .execute();
    await db.schema
      .createTable('groups')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('memberships')
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name').onDelete('cascade').onUpdate('cascade'))
      .addColumn('group_name', 'text', (c) => c.notNull().references('groups.name').onDelete('cascade'))
      .addPrimaryKeyConstraint('memberships_pk', ['user_name', 'group_name'])
      .execute();
    await db.schema.createIndex('memberships_group').on('memberships').column('group_name').execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id_digest', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name').onDelete('cascade'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('last_seen_at', 'integer', (c) => c.notNull())
      .addColumn('xsrf_token', 'text', (c) => c.notNull())
      .addColumn('websudo_until', 'integer')
      .execute();
    await db.schema
      .createTable('host_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('plugin_settings')
      .addColumn('plugin_key', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('plugin_settings_pk', ['plugin_key', 'key'])
      .execute();
  },
};
