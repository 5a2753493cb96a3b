import { request } from './http.js';

/** A browser-like client for server-rendered pages: keeps cookies and reads `atl_token`. */
export class PageClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string) {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookieHeader, accept: 'text/html' }, redirect: 'manual' });
    this.keepCookies(response);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async post(path: string, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: form.toString(),
      redirect: 'manual',
    });
    this.keepCookies(response);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  /** Reads the `atl_token` of a page's form. */
  static tokenOf(html: string): string {
    const match = /name="atl_token" value="([^"]+)"/.exec(html);
    if (!match) throw new Error('the page has no atl_token field');
    return match[1]!;
  }

  /** Logs in through the login form. */
  async login(loginPath: string, username: string, password: string): Promise<number> {
    const page = await this.get(loginPath);
    const response = await this.post(loginPath, { os_username: username, os_password: password, atl_token: PageClient.tokenOf(page.text), os_destination: '/' });
    return response.status;
  }

  /** Calls JSON REST with the session cookie. */
  rest(path: string, options: Parameters<typeof request>[1] = {}) {
    return request(`${this.baseUrl}${path}`, { ...options, cookie: this.cookieHeader });
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
