import path from 'node:path';
import Database from 'better-sqlite3';

/** Names of the tables in a host's database that start with `prefix`, read through a separate read-only connection. */
export function tablesWithPrefix(dataDir: string, prefix: string): string[] {
  const db = new Database(path.join(dataDir, 'plughost.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select name from sqlite_master where type = 'table' and substr(name, 1, ?) = ? order by name").all(prefix.length, prefix) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}
