import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { cachingDatabase } from '@plughost/host/internal/db/statement-cache';

interface Tables {
  item: { id: number; name: string; note?: string | null };
}

describe('cachingDatabase', () => {
  let sqlite: Database.Database;

  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec('create table item (id integer primary key, name text not null)');
    sqlite.exec("insert into item (id, name) values (1, 'one'), (2, 'two'), (3, 'three')");
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  test('same SQL text reuses the statement', () => {
    const database = cachingDatabase(sqlite);
    const first = database.prepare('select name from item where id = ?');
    const second = database.prepare('select name from item where id = ?');
    assert.equal(second, first);
    assert.notEqual(database.prepare('select id from item where name = ?'), first);
  });

  test('least recently used statement is evicted', () => {
    const database = cachingDatabase(sqlite, 2);
    const a = database.prepare('select 1');
    const b = database.prepare('select 2');
    assert.equal(database.prepare('select 1'), a);
    database.prepare('select 3');
    assert.equal(database.prepare('select 1'), a, 'the statement used last stays');
    assert.notEqual(database.prepare('select 2'), b, 'the statement used least recently was prepared again');
  });

  test('busy statement is not handed out twice', () => {
    const database = cachingDatabase(sqlite);
    const statement = database.prepare('select id from item order by id');
    const rows = statement.iterate([]);
    assert.deepEqual(rows.next().value, { id: 1 });
    const other = database.prepare('select id from item order by id');
    assert.notEqual(other, statement);
    assert.deepEqual(other.all([]), [{ id: 1 }, { id: 2 }, { id: 3 }]);
    assert.deepEqual([...rows], [{ id: 2 }, { id: 3 }]);
  });

  test('Kysely queries see a schema change', async () => {
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });
    try {
      assert.deepEqual(await db.selectFrom('item').selectAll().where('id', '=', 2).execute(), [{ id: 2, name: 'two' }]);
      await db.schema.alterTable('item').addColumn('note', 'text').execute();
      await db.updateTable('item').set({ note: 'changed' }).where('id', '=', 2).execute();
      assert.deepEqual(await db.selectFrom('item').selectAll().where('id', '=', 2).execute(), [{ id: 2, name: 'two', note: 'changed' }]);
    } finally {
      await db.destroy();
    }
    assert.equal(sqlite.open, false, 'destroying Kysely closes the connection');
  });

  test('Kysely writes report changes and insert ids', async () => {
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });
    try {
      for (const id of [4, 5]) {
        const result = await db.insertInto('item').values({ id, name: `item ${id}` }).executeTakeFirstOrThrow();
        assert.equal(result.insertId, BigInt(id));
      }
      const deleted = await db.deleteFrom('item').where('id', '>', 3).executeTakeFirstOrThrow();
      assert.equal(deleted.numDeletedRows, 2n);
    } finally {
      await db.destroy();
    }
  });
});
