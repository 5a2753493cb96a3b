import { sql, type Kysely } from 'kysely';
import type { HostTables } from '../db/schema.js';

/**
 * Failed-login counting per user. Each change is one UPDATE statement, so parallel failures
 * are all counted.
 */
export class LoginCounters {
  constructor(
    private readonly db: Kysely<HostTables>,
    private readonly now: () => Date,
  ) {}

  /** Adds one to the current and total failed-login counts; returns the new current count. */
  async recordFailure(username: string): Promise<number | undefined> {
    const row = await this.db
      .updateTable('users')
      .set({
        failed_login_current: sql`failed_login_current + 1`,
        failed_login_total: sql`failed_login_total + 1`,
        last_failed_login_at: this.now().getTime(),
      })
      .where('name', '=', username.toLowerCase())
      .returning('failed_login_current')
      .executeTakeFirst();
    return row?.failed_login_current;
  }

  /** A successful password or web login: the current count goes to 0, the login count up by one. */
  async recordSuccess(username: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ failed_login_current: 0, login_count: sql`login_count + 1`, last_login_at: this.now().getTime() })
      .where('name', '=', username.toLowerCase())
      .execute();
  }

  /** Sets the current count to 0; returns the count it had, or undefined for an unknown user. */
  async reset(username: string): Promise<number | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('users').select('failed_login_current').where('name', '=', username.toLowerCase()).executeTakeFirst();
      if (!row) return undefined;
      await trx.updateTable('users').set({ failed_login_current: 0 }).where('name', '=', username.toLowerCase()).execute();
      return row.failed_login_current;
    });
  }
}
