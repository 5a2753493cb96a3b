import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, logInWithBrowser, type TestBrowser } from '../../support/browser.js';
import { basic, request } from '../../support/http.js';
import { adminPassword, TestHost } from '../../support/test-host.js';

const settingsRest = '/rest/plughost/1.0/settings/security';

/**
 * Serves one attacker page per path from another origin (another port on loopback). Same host
 * and another port is the same site, so the browser still sends the lax session cookie and
 * only the XSRF checks can stop the request.
 */
async function startAttackerSite(pages: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Chromium keeps connections alive, and close() waits for every open one.
        server.closeAllConnections();
      }),
  };
}

function autoSubmitPage(action: string, fields: Record<string, string>, enctype = 'application/x-www-form-urlencoded'): string {
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value='${value}'>`).join('');
  return `<!DOCTYPE html><html><body><form id="f" method="post" enctype="${enctype}" action="${action}">${inputs}</form><script>document.getElementById('f').submit()</script></body></html>`;
}

describe('cross-site form posts (jira, Chromium)', () => {
  let host: TestHost;
  let browser: TestBrowser;
  let attacker: Awaited<ReturnType<typeof startAttackerSite>>;
  const admin = basic('admin', adminPassword);

  before(async () => {
    host = await TestHost.start();
    browser = await launchBrowser();
    attacker = await startAttackerSite({
      '/settings': autoSubmitPage(`${host.url}/secure/admin/SecuritySettings.jspa`, { maxAuthenticationAttempts: '0', webSudoEnabled: 'false', webSudoTimeoutMinutes: '1440' }),
      '/create-user': autoSubmitPage(
        `${host.url}/rest/api/2/user`,
        { '{"name":"intruder","password":"Intruder-pass-1","displayName":"I","emailAddress":"i@example.com","x":"': '"}' },
        'text/plain',
      ),
    });
  });
  after(async () => {
    await attacker?.close();
    await browser?.close();
    await host?.dispose();
  });

  test('admin browser is logged in with WebSudo', async () => {
    const page = await browser.newPage();
    await logInWithBrowser(page, host.url, '/login.jsp', 'admin', adminPassword);
    await page.goto(`${host.url}/secure/admin/SecuritySettings.jspa`);
    assert.match(page.url(), /WebSudoAuthenticate\.jspa/);
    await page.fill('#websudo-password', adminPassword);
    await Promise.all([page.waitForURL(/SecuritySettings\.jspa/), page.click('#websudo-submit')]);
    assert.equal(await page.inputValue('#maxAuthenticationAttempts'), '3');
    await page.close();
  });

  test('settings form from another origin is refused', async () => {
    const page = await browser.newPage();
    await Promise.all([page.waitForURL(/SecuritySettings\.jspa/), page.goto(`${attacker.url}/settings`)]);
    await page.waitForLoadState();
    assert.equal(await page.textContent('h1'), 'XSRF Security Token Missing');
    const settings = await request(`${host.url}${settingsRest}`, { auth: admin });
    assert.deepEqual(settings.body, { maxAuthenticationAttempts: 3, webSudoEnabled: true, webSudoTimeoutMinutes: 10 });
    await page.close();
  });

  test('text/plain REST post from another origin is refused', async () => {
    const page = await browser.newPage();
    await Promise.all([page.waitForURL(/\/rest\/api\/2\/user/), page.goto(`${attacker.url}/create-user`)]);
    await page.waitForLoadState();
    assert.match(await page.content(), /XSRF check failed/);
    const lookup = await request(`${host.url}/rest/api/2/user?username=intruder`, { auth: admin });
    assert.equal(lookup.status, 404);
    await page.close();
  });
});
