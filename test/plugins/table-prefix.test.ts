import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { TablePrefixPlugin, tablePrefixOf } from '@plughost/host';

interface Tables {
  greeting: { id: number; text: string; author_id: number };
  author: { id: number; name: string };
}

describe('TablePrefixPlugin', () => {
  const prefix = tablePrefixOf('com.example.greeter');
  let sqlite: Database.Database;
  let db: Kysely<Tables>;
  const tableNames = () => (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((row) => row.name);

  before(async () => {
    sqlite = new Database(':memory:');
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new TablePrefixPlugin(prefix)] });
    await db.schema.createTable('author').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute();
    await db.schema
      .createTable('greeting')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('text', 'text')
      .addColumn('author_id', 'integer', (c) => c.references('author.id'))
      .execute();
    await db.schema.createIndex('greeting_author').on('greeting').column('author_id').execute();
    await db.insertInto('author').values({ id: 1, name: 'alice' }).execute();
    await db.insertInto('greeting').values({ id: 1, text: 'hello', author_id: 1 }).execute();
  });
  after(async () => {
    await db.destroy();
  });

  test('prefix is AO_ and six upper-case MD5 digits', () => {
    // MD5("com.example.greeter") starts with 9431c5.
    assert.equal(prefix, 'AO_9431C5_');
  });

  test('tables and indexes are created with the prefix', () => {
    assert.deepEqual(tableNames(), [`${prefix}AUTHOR`, `${prefix}GREETING`]);
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_%'").all() as Array<{ name: string }>;
    assert.deepEqual(indexes.map((row) => row.name), [`${prefix}GREETING_AUTHOR`]);
  });

  test('join with aliases reads the prefixed tables', async () => {
    const rows = await db
      .selectFrom('greeting as g')
      .innerJoin('author as a', 'a.id', 'g.author_id')
      .select(['g.text', 'a.name'])
      .execute();
    assert.deepEqual(rows, [{ text: 'hello', name: 'alice' }]);
  });

  test('qualified column references use the prefix', async () => {
    const rows = await db.selectFrom('greeting').innerJoin('author', 'author.id', 'greeting.author_id').select(['greeting.text', 'author.name']).execute();
    assert.deepEqual(rows, [{ text: 'hello', name: 'alice' }]);
  });

  test('update, delete and sql.table use the prefix', async () => {
    await db.updateTable('greeting').set({ text: 'hi' }).where('id', '=', 1).execute();
    const counted = await sql<{ count: number }>`select count(*) as count from ${sql.table('greeting')} where text = 'hi'`.execute(db);
    assert.equal(counted.rows[0]?.count, 1);
    await db.deleteFrom('greeting').where('id', '=', 1).execute();
    assert.equal((sqlite.prepare(`select count(*) as count from ${prefix}GREETING`).get() as { count: number }).count, 0);
  });

  test('CTE names are left alone', async () => {
    const rows = await db
      .with('names', (qb) => qb.selectFrom('author').select('name'))
      .selectFrom('names')
      .selectAll()
      .execute();
    assert.deepEqual(rows, [{ name: 'alice' }]);
  });
});
