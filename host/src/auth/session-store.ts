import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { precompiledQuery } from '@plughost/sdk';
import type { HostTables, SessionsTable } from '../db/schema.js';

export type SessionRow = Selectable<SessionsTable>;

/** A session ends after this long without a request, as Jira's default of 300 minutes. */
export const sessionIdleTimeoutMs = 300 * 60 * 1000;
/** `last_seen_at` is written at most this often per session, to keep page views from writing on every request. */
const touchIntervalMs = 60 * 1000;

/** The stored form of a session id: its SHA-256 digest, so the database contains no usable cookie. */
export function digestSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A short, non-reversible label of a session for log lines. */
export function sessionLabel(id: string): string {
  return digestSessionId(id).slice(0, 6);
}

/** Server-side sessions behind the `JSESSIONID` cookie. */
export class SessionStore {
  /** The lookup every request with a session cookie makes, compiled once. */
  private readonly selectByDigest;

  constructor(
    private readonly db: Kysely<HostTables>,
    private readonly now: () => Date,
  ) {
    this.selectByDigest = precompiledQuery(db, (digest: string) => db.selectFrom('sessions').selectAll().where('id_digest', '=', digest));
  }

  /** Creates a session and returns its id; the caller puts the id in the cookie. */
  async create(username: string): Promise<{ id: string; session: SessionRow }> {
    const id = randomBytes(32).toString('base64url');
    const time = this.now().getTime();
    const session: SessionRow = {
      id_digest: digestSessionId(id),
      user_name: username,
      created_at: time,
      last_seen_at: time,
      xsrf_token: randomBytes(20).toString('hex'),
      websudo_until: null,
    };
    await this.db.insertInto('sessions').values(session).execute();
    return { id, session };
  }

  /** Finds a live session and refreshes its idle timer; an expired one is deleted. */
  async find(id: string): Promise<SessionRow | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
    const digest = digestSessionId(id);
    const [session] = await this.selectByDigest(digest);
    if (!session) return undefined;
    const time = this.now().getTime();
    if (time - session.last_seen_at > sessionIdleTimeoutMs) {
      await this.db.deleteFrom('sessions').where('id_digest', '=', digest).execute();
      return undefined;
    }
    if (time - session.last_seen_at > touchIntervalMs) {
      await this.db.updateTable('sessions').set({ last_seen_at: time }).where('id_digest', '=', digest).execute();
    }
    return session;
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_digest', '=', digestSessionId(id)).execute();
  }

  async setWebSudoUntil(digest: string, until: number | null): Promise<void> {
    await this.db.updateTable('sessions').set({ websudo_until: until }).where('id_digest', '=', digest).execute();
  }
}
