import { sql, type Kysely } from 'kysely';
import type { AuditRecordsTable, HostTables } from '../db/schema.js';
import { toAuditRecord, type AuditRecord } from './audit-record.js';
import type { AuditQuery } from './audit-query.js';

/** A record ready to be stored: everything but the id. */
export type NewAuditRow = Omit<AuditRecordsTable, 'id'>;

/** Rows deleted per statement while pruning, so one prune never holds the write lock for long. */
export const pruneBatchSize = 1000;

export interface AuditPage {
  readonly records: AuditRecord[];
  /** The number of records that match the filters, over all pages. */
  readonly total: number;
}

/** The `audit_records` table: insert, filtered reads newest first, and pruning by age and count. */
export class AuditStore {
  constructor(private readonly db: Kysely<HostTables>) {}

  async insert(row: NewAuditRow): Promise<number> {
    const result = await this.db.insertInto('audit_records').values(row).executeTakeFirstOrThrow();
    return Number(result.insertId);
  }

  /** Reads one page of the records that match the query, newest first. */
  async find(query: AuditQuery): Promise<AuditPage> {
    let select = this.db.selectFrom('audit_records');
    if (query.search) {
      const pattern = `%${escapeLike(query.search.toLowerCase())}%`;
      select = select.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
    }
    if (query.categories.length > 0) select = select.where('category', 'in', query.categories);
    if (query.from) select = select.where('timestamp', '>=', query.from.getTime());
    if (query.to) select = select.where('timestamp', '<=', query.to.getTime());

    const counted = await select.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await select
      .selectAll()
      .orderBy('timestamp', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { records: rows.map(toAuditRecord), total: Number(counted.total) };
  }

  /** The distinct categories in the log, for the page's category filter. */
  async categories(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_records').select('category').distinct().orderBy('category').execute();
    return rows.map((row) => row.category);
  }

  /**
   * Deletes records older than `olderThan` and the oldest records beyond `maxRecords`, in
   * batches of {@link pruneBatchSize}. Returns the number of deleted records.
   */
  async prune(olderThan: Date, maxRecords: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.db
        .deleteFrom('audit_records')
        .where('id', 'in', (eb) =>
          eb.selectFrom('audit_records').select('id').where('timestamp', '<', olderThan.getTime()).orderBy('id').limit(pruneBatchSize),
        )
        .executeTakeFirst();
      const count = Number(batch.numDeletedRows);
      deleted += count;
      if (count < pruneBatchSize) break;
    }

    // The newest id that falls beyond the cap; ids rise with every insert, so it splits old from new.
    const boundary = await this.db
      .selectFrom('audit_records')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .offset(maxRecords)
      .executeTakeFirst();
    if (!boundary) return deleted;
    for (;;) {
      const batch = await this.db
        .deleteFrom('audit_records')
        .where('id', 'in', (eb) => eb.selectFrom('audit_records').select('id').where('id', '<=', boundary.id).orderBy('id').limit(pruneBatchSize))
        .executeTakeFirst();
      const count = Number(batch.numDeletedRows);
      deleted += count;
      if (count < pruneBatchSize) break;
    }
    return deleted;
  }
}

/** Escapes LIKE wildcards so a search for `50%` matches the text literally (the statement uses `\` as escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
