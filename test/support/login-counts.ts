import path from 'node:path';
import Database from 'better-sqlite3';

export interface LoginCounts {
  current: number;
  total: number;
}

/** Reads a user's failed-login counts straight from a host's SQLite file, read-only. */
export function readLoginCounts(dataDir: string, username: string): LoginCounts {
  const db = new Database(path.join(dataDir, 'plughost.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT failed_login_current AS current, failed_login_total AS total FROM users WHERE name = ?').get(username.toLowerCase()) as LoginCounts | undefined;
    if (!row) throw new Error(`no user named ${username} in ${dataDir}`);
    return row;
  } finally {
    db.close();
  }
}
