import { precompiledQuery } from '@plughost/sdk';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { TokenFilter } from './token-filter.js';
import type { PluginTables, TokenTable } from './token-schema.js';

export type TokenRow = Selectable<TokenTable>;
export type NewTokenRow = Insertable<TokenTable>;

/** Reads and writes the token table. Every query is bounded by an index on digest, id or owner. */
export class TokenRepository {
  /** The lookup of every token-authenticated request, compiled once. */
  private readonly selectByDigest;

  constructor(private readonly db: Kysely<PluginTables>) {
    this.selectByDigest = precompiledQuery(db, (digest: string) => db.selectFrom('token').selectAll().where('digest', '=', digest));
  }

  /** Inserts a token and returns it with its new id. */
  async insert(token: NewTokenRow): Promise<TokenRow> {
    return this.db.insertInto('token').values(token).returningAll().executeTakeFirstOrThrow();
  }

  /** Finds a token by the digest of its raw value; see `digestToken` for why a plain digest suffices. */
  async findByDigest(digest: string): Promise<TokenRow | undefined> {
    const [token] = await this.selectByDigest(digest);
    return token;
  }

  async findById(id: number): Promise<TokenRow | undefined> {
    return this.db.selectFrom('token').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Tokens of one owner, newest first. */
  async listByOwner(username: string): Promise<TokenRow[]> {
    return this.db
      .selectFrom('token')
      .selectAll()
      .where('username', '=', username.toLowerCase())
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /**
   * Returns one page of the tokens that match the filter, ordered by owner and then newest
   * first, with the number of all matches. The index on (username, created_at, id) serves both
   * the owner list and the order, so only the description test reads rows beyond the page.
   */
  async findByFilter(filter: TokenFilter): Promise<{ rows: TokenRow[]; total: number }> {
    let query = this.db.selectFrom('token');
    if (filter.usernames.length > 0) query = query.where('username', 'in', [...filter.usernames]);
    if (filter.text !== '') query = query.where(sql<boolean>`${sql.ref('description')} like ${likePattern(filter.text)} escape '\\'`);

    const rows = await query
      .selectAll()
      .orderBy('username', 'asc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.start)
      .execute();
    const counted = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { rows, total: Number(counted.total) };
  }

  /** Counts the tokens of one owner. */
  async countByOwner(username: string): Promise<number> {
    const counted = await this.db
      .selectFrom('token')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('username', '=', username.toLowerCase())
      .executeTakeFirstOrThrow();
    return Number(counted.total);
  }

  /** Deletes one token; returns whether it existed. */
  async deleteById(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('token').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Lists the distinct owners of stored tokens, through the owner index. */
  async listOwners(): Promise<string[]> {
    const rows = await this.db.selectFrom('token').select('username').distinct().execute();
    return rows.map((row) => row.username);
  }

  /** Deletes every token of an owner; returns how many there were. */
  async deleteByOwner(username: string): Promise<number> {
    const result = await this.db.deleteFrom('token').where('username', '=', username.toLowerCase()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Records a use of the token, unless one was recorded since `notSince`. The condition in the
   * UPDATE keeps parallel requests from writing the same minute twice.
   */
  async recordUse(id: number, usedAt: number, address: string, notSince: number): Promise<void> {
    await this.db
      .updateTable('token')
      .set({ last_used_at: usedAt, last_used_ip: address })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', notSince)]))
      .execute();
  }
}

/** A LIKE pattern that matches `text` anywhere, with `%`, `_` and the escape character taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
