import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { TablePrefixPlugin } from '@plughost/host';
import { precompiledQuery } from '@plughost/sdk';

interface Tables {
  item: { id: number; name: string; kind: string };
}

describe('precompiledQuery', () => {
  let sqlite: Database.Database;
  let db: Kysely<Tables>;

  before(async () => {
    sqlite = new Database(':memory:');
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
    await db.schema.createTable('item').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').addColumn('kind', 'text').execute();
    await db
      .insertInto('item')
      .values([
        { id: 1, name: 'one', kind: 'odd' },
        { id: 2, name: 'two', kind: 'even' },
        { id: 3, name: 'three', kind: 'odd' },
      ])
      .execute();
  });
  after(async () => {
    await db.destroy();
  });

  test('new arguments give new rows', async () => {
    const byName = precompiledQuery(db, (name: string) => db.selectFrom('item').selectAll().where('name', '=', name));
    assert.deepEqual(await byName('two'), [{ id: 2, name: 'two', kind: 'even' }]);
    assert.deepEqual(await byName('three'), [{ id: 3, name: 'three', kind: 'odd' }]);
    assert.deepEqual(await byName('none'), []);
  });

  test('constants stay next to arguments', async () => {
    const oddAbove = precompiledQuery(db, (id: number) =>
      db.selectFrom('item').select('id').where('kind', '=', 'odd').where('id', '>', id).orderBy('id'),
    );
    assert.deepEqual(await oddAbove(0), [{ id: 1 }, { id: 3 }]);
    assert.deepEqual(await oddAbove(1), [{ id: 3 }]);
  });

  test('argument used twice fills both places', async () => {
    const named = precompiledQuery(db, (text: string) =>
      db.selectFrom('item').select('id').where((eb) => eb.or([eb('name', '=', text), eb('kind', '=', text)])).orderBy('id'),
    );
    assert.deepEqual(await named('even'), [{ id: 2 }]);
    assert.deepEqual(await named('one'), [{ id: 1 }]);
  });

  test('transformed argument is rejected', async () => {
    const lowerCased = precompiledQuery(db, (name: string) => db.selectFrom('item').selectAll().where('name', '=', name.toLowerCase()));
    await assert.rejects(lowerCased('TWO'), /argument 0 of the precompiled query .* is not a parameter of it/);
  });

  test('table prefix plugin applies', async () => {
    sqlite.exec('create table "AO_ABC123_item" (id integer primary key, name text, kind text)');
    sqlite.exec(`insert into "AO_ABC123_item" values (7, 'seven', 'odd')`);
    const prefixed = db.withPlugin(new TablePrefixPlugin('AO_ABC123_'));
    const byId = precompiledQuery(prefixed, (id: number) => prefixed.selectFrom('item').select('name').where('id', '=', id));
    assert.deepEqual(await byId(7), [{ name: 'seven' }]);
    assert.deepEqual(await byId(1), []);
  });
});
