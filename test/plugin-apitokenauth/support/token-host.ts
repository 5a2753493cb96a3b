/** Helpers for integration tests of the token plugin against a real host. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { adminPassword, type TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';

export const pluginKey = 'de.resolution.apitokenauth';
export const restBase = `/rest/${pluginKey}/1.0`;
export const adminAuth = basic('admin', adminPassword);

/** Creates a user through the host's REST API and returns its password. */
export async function createUser(host: TestHost, name: string): Promise<string> {
  const password = `${name}-Secret-1`;
  const response = await request(`${host.url}/rest/api/2/user`, {
    method: 'POST',
    auth: adminAuth,
    json: { name, password, displayName: `${name} Example`, emailAddress: `${name}@example.com` },
  });
  if (response.status !== 201) throw new Error(`creating user ${name} failed with ${response.status}: ${response.text}`);
  return password;
}

/** Creates a token through the plugin's REST API and returns the response body. */
export async function createToken(host: TestHost, auth: string, body: Record<string, unknown>) {
  const response = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth, json: body });
  if (response.status !== 201) throw new Error(`creating a token failed with ${response.status}: ${response.text}`);
  return response.body as { id: number; username: string; rawToken: string; createdAt: string; expiresAt: string | null; createdBy: string };
}

/** Reads a user's failed-login counts from the host database file, which WAL lets a second reader open. */
export function failedLogins(host: TestHost, username: string): { current: number; total: number } {
  const database = new Database(path.join(host.dataDir, 'plughost.db'), { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare('select failed_login_current as current, failed_login_total as total from users where name = ?').get(username) as
      | { current: number; total: number }
      | undefined;
    if (!row) throw new Error(`user ${username} not found in the host database`);
    return row;
  } finally {
    database.close();
  }
}

/** Calls `GET /rest/api/2/myself` with an Authorization header value. */
export function myself(host: TestHost, auth: string) {
  return request(`${host.url}/rest/api/2/myself`, { auth });
}

/** Waits until `check` returns a value, for records the host writes after the response. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
