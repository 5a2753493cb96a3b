import { adminPassword } from './test-host.js';
import { basic, request } from './http.js';

/** Creates a user through the admin REST API and fails loudly when that does not work. */
export async function createUser(baseUrl: string, name: string, password: string): Promise<void> {
  const response = await request(`${baseUrl}/rest/api/2/user`, {
    method: 'POST',
    auth: basic('admin', adminPassword),
    json: { name, password, displayName: `User ${name}`, emailAddress: `${name}@example.com` },
  });
  if (response.status !== 201) throw new Error(`creating user ${name} answered ${response.status}: ${response.text}`);
}

/** Waits until the host's log file contains a match, because the file transport writes asynchronously. */
export async function waitForLogLine(readLog: () => string, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = readLog();
    if (pattern.test(log)) return log;
    if (Date.now() > deadline) throw new Error(`no log line matched ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
