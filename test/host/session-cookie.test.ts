import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PageClient } from '../support/session.js';
import { adminPassword, TestHost } from '../support/test-host.js';

async function loginCookie(host: TestHost): Promise<string> {
  const client = new PageClient(host.url);
  const page = await client.get('/login.jsp');
  const response = await fetch(`${host.url}/login.jsp`, {
    method: 'POST',
    headers: { cookie: client.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ os_username: 'admin', os_password: adminPassword, atl_token: PageClient.tokenOf(page.text), os_destination: '/' }).toString(),
    redirect: 'manual',
  });
  assert.equal(response.status, 302);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('JSESSIONID='));
  assert.ok(cookie, 'the login sets JSESSIONID');
  return cookie;
}

describe('session cookie flags', () => {
  let plain: TestHost;
  let behindTls: TestHost;
  before(async () => {
    plain = await TestHost.start();
    // The https base URL is only text used in links; every request still goes to loopback.
    behindTls = await TestHost.start({ extraArgs: ['--base-url', 'https://jira.example.com'] });
  });
  after(async () => {
    await plain?.dispose();
    await behindTls?.dispose();
  });

  test('plain HTTP base URL: HttpOnly, SameSite, no Secure', async () => {
    const cookie = (await loginCookie(plain)).toLowerCase();
    assert.match(cookie, /httponly/);
    assert.match(cookie, /samesite=lax/);
    assert.doesNotMatch(cookie, /secure/);
  });

  test('https base URL behind a proxy: Secure', async () => {
    const cookie = (await loginCookie(behindTls)).toLowerCase();
    assert.match(cookie, /; secure/);
    assert.match(cookie, /httponly/);
  });
});
