import { PageClient } from './session.js';

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };

function decodeAttribute(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#x27|#x3D|#x60);/g, (entity) => entities[entity]!);
}

/**
 * Logs in through the login form and opens the admin home page. When the host first requests
 * the password again (a WebSudo prompt), fills in the prompt's form generically: its hidden
 * fields plus the password in its password field.
 */
export async function openAdminSession(baseUrl: string, paths: { login: string; adminHome: string }, username: string, password: string): Promise<PageClient> {
  const client = new PageClient(baseUrl);
  const loginStatus = await client.login(paths.login, username, password);
  if (loginStatus !== 302) throw new Error(`logging in as ${username} returned ${loginStatus}`);

  let home = await client.get(paths.adminHome);
  if (home.status === 302) {
    const prompt = await client.get(home.headers.get('location')!.replace(baseUrl, ''));
    const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(prompt.text)?.[1];
    const passwordField = /<input[^>]*type="password"[^>]*name="([^"]+)"/.exec(prompt.text)?.[1];
    if (!action || !passwordField) throw new Error(`opening ${paths.adminHome} led to a page without a password form:\n${prompt.text.slice(0, 500)}`);
    const fields: Record<string, string> = { [passwordField]: password };
    for (const match of prompt.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1]!] = decodeAttribute(match[2]!);
    await client.post(decodeAttribute(action).replace(baseUrl, ''), fields);
    home = await client.get(paths.adminHome);
  }
  if (home.status !== 200) throw new Error(`opening ${paths.adminHome} as ${username} returned ${home.status}`);
  return client;
}
