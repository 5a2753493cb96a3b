import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Chromium with a fresh profile folder, removed again by `close()`. */
export interface TestBrowser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export function isChromiumInstalled(): boolean {
  return fs.existsSync(chromiumPath);
}

/** Starts Debian's Chromium with a new, empty user data folder. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the flavour's login form and waits for the start page. */
export async function logInWithBrowser(page: Page, baseUrl: string, loginPath: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}${loginPath}`);
  await page.fill('#login-form-username', username);
  await page.fill('#login-form-password', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith(loginPath)), page.click('#login-form-submit')]);
}

export type { Browser, Page };
