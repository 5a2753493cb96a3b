/**
 * IP restrictions and reverse proxy resolution against a real host, with requests sent from
 * several loopback source addresses so the host gets connections from really different peers. The host listens
 * on `::`, so IPv4 peers reach the socket as IPv4-mapped IPv6 addresses (`::ffff:127.0.0.2`), as
 * on any dual-stack server, and the host hands them to the plugin as plain IPv4. The admin
 * configures from 127.0.0.1, which every case keeps allowed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasIpv6Loopback, requestFrom } from '../../support/bound-http.js';
import { basic } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { grantWebSudo } from '../../support/websudo.js';
import { adminAuth, createToken, createUser, restBase } from '../support/token-host.js';

const ipv6 = await hasIpv6Loopback();
const noIpv6 = !ipv6 && 'this machine has no IPv6 loopback address ::1';

const noProxy = { enabled: false, trustedProxies: [], clientIpHeader: 'X-Forwarded-For' };

describe('IP restrictions with real peers (jira)', () => {
  let host: TestHost;
  let ipv4Url: string;
  let ipv6Url: string;
  let rawToken: string;
  let tokenAuth: string;
  let passwordAuth: string;
  let alicePassword: string;

  before(async () => {
    host = await TestHost.start({ listen: ipv6 ? '::' : '127.0.0.1' });
    const port = new URL(host.url).port;
    ipv4Url = `http://127.0.0.1:${port}`;
    ipv6Url = `http://[::1]:${port}`;
    alicePassword = await createUser(host, 'alice');
    passwordAuth = basic('alice', alicePassword);
    rawToken = (await createToken(host, passwordAuth, { description: 'peer tests', validity: 'P1Y' })).rawToken;
    tokenAuth = basic('alice', rawToken);
  });
  after(async () => {
    if (host) await configure({ ipRestrictions: [] });
    await host?.dispose();
  });

  /** Saves the settings with admin Basic auth from 127.0.0.1, which must stay allowed. */
  async function configure(settings: { ipRestrictions: string[]; reverseProxy?: object }) {
    const body = { maxValidity: 'NEVER', passwordBasicAuthDisabled: false, reverseProxy: noProxy, ...settings };
    const response = await requestFrom(`${ipv4Url}${restBase}/admin/settings`, { from: '127.0.0.1', method: 'PUT', auth: adminAuth, json: body });
    assert.equal(response.status, 200, `saving the settings failed: ${response.text}`);
  }

  /** Calls `/rest/api/2/myself` from `from`, over IPv6 when `from` is an IPv6 address. */
  function myselfFrom(from: string, options: { auth?: string; headers?: Record<string, string | string[]>; cookie?: string } = {}) {
    const base = from.includes(':') ? ipv6Url : ipv4Url;
    return requestFrom(`${base}/rest/api/2/myself`, { from, auth: options.auth ?? tokenAuth, headers: options.headers, cookie: options.cookie });
  }

  async function assertAllowed(from: string, headers?: Record<string, string | string[]>) {
    const response = await myselfFrom(from, { headers });
    assert.equal(response.status, 200, `from ${from} ${JSON.stringify(headers ?? {})}: ${response.text}`);
    assert.equal(response.body.name, 'alice');
  }

  async function assertRefused(from: string, resolvedAddress: string, headers?: Record<string, string | string[]>) {
    const response = await myselfFrom(from, { headers });
    assert.equal(response.status, 403, `from ${from} ${JSON.stringify(headers ?? {})}: ${response.text}`);
    assert.match(response.text, new RegExp(`client address ${resolvedAddress.replaceAll('.', '\\.')} `), response.text);
    assert.equal(response.headers['x-seraph-loginreason'], 'AUTHENTICATION_DENIED');
  }

  describe('allow lists', () => {
    test('single IPv4 addresses', async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '127.0.0.2'] });
      await assertAllowed('127.0.0.2');
      await assertRefused('127.0.0.3', '127.0.0.3');
    });

    test('IPv4 CIDR block', async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '127.0.0.2/31'] });
      await assertAllowed('127.0.0.2');
      await assertAllowed('127.0.0.3');
      await assertRefused('127.0.0.4', '127.0.0.4');
    });

    test('IPv4 range', async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '127.0.0.3-127.0.0.5'] });
      await assertRefused('127.0.0.2', '127.0.0.2');
      await assertAllowed('127.0.0.3');
      await assertAllowed('127.0.0.5');
      await assertRefused('127.0.0.6', '127.0.0.6');
    });

    test('IPv6 address, block and range', { skip: noIpv6 }, async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '::1'] });
      await assertAllowed('::1');
      await assertRefused('127.0.0.2', '127.0.0.2');

      await configure({ ipRestrictions: ['127.0.0.1', '::/127'] });
      await assertAllowed('::1');
      await configure({ ipRestrictions: ['127.0.0.1', '::1-::5'] });
      await assertAllowed('::1');

      await configure({ ipRestrictions: ['127.0.0.1', '::2-::ff', '2001:db8::/32'] });
      await assertRefused('::1', '::1');
    });

    test('IPv4 peer refused by IPv6-only list', { skip: noIpv6 }, async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '::1'] });
      await assertRefused('127.0.0.7', '127.0.0.7');
    });

    test('IPv4-mapped entries and peers', { skip: noIpv6 }, async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '::ffff:127.0.0.2'] });
      await assertAllowed('127.0.0.2');
      await assertRefused('127.0.0.3', '127.0.0.3');

      // An IPv6 block over the mapped range matches the IPv4 addresses in it.
      await configure({ ipRestrictions: ['127.0.0.1', '::ffff:127.0.0.0/120'] });
      await assertAllowed('127.0.0.9');
      await assertRefused('::1', '::1');

      const report = await requestFrom(`${ipv4Url}${restBase}/admin/client-address`, { from: '127.0.0.1', auth: adminAuth });
      assert.equal(report.status, 200);
      assert.equal(report.body.peerAddress, '127.0.0.1', 'the host passes a mapped IPv4 peer on as IPv4');
      assert.equal(report.body.clientAddress, '127.0.0.1');
    });

    test('password Basic auth is restricted too', async () => {
      await configure({ ipRestrictions: ['127.0.0.1', '127.0.0.2'] });
      assert.equal((await myselfFrom('127.0.0.2', { auth: passwordAuth })).status, 200);
      const refused = await myselfFrom('127.0.0.3', { auth: passwordAuth });
      assert.equal(refused.status, 403);
      assert.match(refused.text, /client address 127\.0\.0\.3 /);
      const bearer = await myselfFrom('127.0.0.3', { auth: `Bearer ${rawToken}` });
      assert.equal(bearer.status, 403);
    });

    test('browser sessions are not affected', async () => {
      const browser = new PageClient(ipv4Url);
      assert.equal(await browser.login('/login.jsp', 'admin', adminPassword), 302);
      await configure({ ipRestrictions: ['127.0.0.1'] });
      const response = await requestFrom(`${ipv4Url}/rest/api/2/myself`, { from: '127.0.0.3', cookie: browser.cookieHeader });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.name, 'admin');
      await assertRefused('127.0.0.3', '127.0.0.3');
    });
  });

  describe('reverse proxy', () => {
    const allowList = ['127.0.0.1', '203.0.113.0/24'];
    const forwardedFor = (...values: string[]) => ({ 'x-forwarded-for': values.length === 1 ? values[0]! : values });

    before(async () => {
      await configure({
        ipRestrictions: allowList,
        reverseProxy: { enabled: true, trustedProxies: ['127.0.0.2', '127.0.0.5'], clientIpHeader: 'X-Forwarded-For' },
      });
    });

    test('trusted proxy forwards the client address', async () => {
      await assertAllowed('127.0.0.2', forwardedFor('203.0.113.7'));
      await assertRefused('127.0.0.2', '198.51.100.1', forwardedFor('198.51.100.1'));
    });

    test('untrusted peer spoofing X-Forwarded-For is ignored', async () => {
      await assertRefused('127.0.0.3', '127.0.0.3', forwardedFor('203.0.113.7'));
    });

    test('spoofed leftmost element is not used', async () => {
      await assertRefused('127.0.0.2', '198.51.100.1', forwardedFor('203.0.113.7, 198.51.100.1'));
      await assertAllowed('127.0.0.2', forwardedFor('198.51.100.1, 203.0.113.7'));
    });

    test('trusted proxies in the chain are skipped', async () => {
      await assertAllowed('127.0.0.2', forwardedFor('198.51.100.1, 203.0.113.7, 127.0.0.5'));
      await assertRefused('127.0.0.2', '198.51.100.1', forwardedFor('203.0.113.7, 198.51.100.1, 127.0.0.5'));
    });

    test('repeated X-Forwarded-For headers are joined in order', async () => {
      await assertRefused('127.0.0.2', '198.51.100.1', forwardedFor('203.0.113.7', '198.51.100.1'));
      await assertAllowed('127.0.0.2', forwardedFor('198.51.100.1', '203.0.113.7'));
    });

    test('trusted proxy without header is its own client', async () => {
      await assertRefused('127.0.0.2', '127.0.0.2');
    });

    test('unparsable element is refused', async () => {
      const response = await myselfFrom('127.0.0.2', { headers: forwardedFor('unknown') });
      assert.equal(response.status, 403);
      assert.match(response.text, /could not be determined/);
    });

    test('IPv6 proxy and IPv6 client', { skip: noIpv6 }, async () => {
      await configure({
        ipRestrictions: ['127.0.0.1', '2001:db8::/32'],
        reverseProxy: { enabled: true, trustedProxies: ['::1'], clientIpHeader: 'X-Forwarded-For' },
      });
      try {
        await assertAllowed('::1', forwardedFor('2001:db8::7'));
        await assertAllowed('::1', forwardedFor('[2001:db8::8]:443'));
        await assertRefused('::1', '2001:db9::1', forwardedFor('2001:db9::1'));
        await assertRefused('::1', '203.0.113.7', forwardedFor('::ffff:203.0.113.7'));
        await assertRefused('127.0.0.2', '127.0.0.2', forwardedFor('2001:db8::7'));
      } finally {
        await configure({
          ipRestrictions: allowList,
          reverseProxy: { enabled: true, trustedProxies: ['127.0.0.2', '127.0.0.5'], clientIpHeader: 'X-Forwarded-For' },
        });
      }
    });

    test('X-Real-IP from a trusted proxy', async () => {
      await configure({ ipRestrictions: allowList, reverseProxy: { enabled: true, trustedProxies: ['127.0.0.2'], clientIpHeader: 'X-Real-IP' } });
      try {
        await assertAllowed('127.0.0.2', { 'x-real-ip': '203.0.113.9' });
        await assertRefused('127.0.0.2', '198.51.100.2', { 'x-real-ip': '198.51.100.2' });
        await assertRefused('127.0.0.3', '127.0.0.3', { 'x-real-ip': '203.0.113.9' });
        await assertRefused('127.0.0.2', '127.0.0.2', forwardedFor('203.0.113.9'));

        const several = await myselfFrom('127.0.0.2', { headers: { 'x-real-ip': ['203.0.113.9', '203.0.113.10'] } });
        assert.equal(several.status, 403);
        assert.match(several.text, /could not be determined/);
      } finally {
        await configure({
          ipRestrictions: allowList,
          reverseProxy: { enabled: true, trustedProxies: ['127.0.0.2', '127.0.0.5'], clientIpHeader: 'X-Forwarded-For' },
        });
      }
    });

    test('client-address REST explains a proxied request', async () => {
      const response = await requestFrom(`${ipv4Url}${restBase}/admin/client-address`, {
        from: '127.0.0.2',
        cookie: await adminSessionCookie(),
        headers: forwardedFor('198.51.100.1, 203.0.113.7'),
      });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.clientAddress, '203.0.113.7');
      assert.equal(response.body.allowed, true);
      assert.deepEqual(response.body.steps, [
        'peer 127.0.0.2 is a trusted proxy',
        'X-Forwarded-For element 1 from the right, 203.0.113.7, is not a trusted proxy: using it',
        'client address 203.0.113.7 is in the allowed IP ranges',
      ]);
    });

    test('troubleshooting page shows each step', async () => {
      const cookie = await adminSessionCookie();
      const page = await requestFrom(`${ipv4Url}/plugins/servlet/apitokenauth/client-address`, {
        from: '127.0.0.2',
        cookie,
        headers: { ...forwardedFor('203.0.113.7, 198.51.100.1'), 'x-real-ip': '<b>bold</b>', accept: 'text/html' },
      });
      assert.equal(page.status, 200, page.text.slice(0, 500));
      assert.match(page.text, /id="peer-address">127\.0\.0\.2</);
      assert.match(page.text, /id="resolved-address">198\.51\.100\.1</);
      assert.match(page.text, /id="client-address-result">REST requests with Basic or Bearer credentials like this one are refused/);
      assert.match(page.text, /id="denied-reason">client address 198\.51\.100\.1 is not in the allowed IP ranges</);
      assert.match(page.text, /<li>peer 127\.0\.0\.2 is a trusted proxy<\/li>/);
      assert.match(page.text, /<li>X-Forwarded-For element 1 from the right, 198\.51\.100\.1, is not a trusted proxy: using it<\/li>/);
      assert.match(page.text, /data-header="X-Forwarded-For">[\s\S]*?203\.0\.113\.7, 198\.51\.100\.1[\s\S]*?class="header-read"/);
      assert.ok(!page.text.includes('<b>bold</b>'), 'a header value is not escaped');
      assert.ok(page.text.includes('&lt;b&gt;bold&lt;/b&gt;'));

      const allowed = await requestFrom(`${ipv4Url}/plugins/servlet/apitokenauth/client-address`, {
        from: '127.0.0.2',
        cookie,
        headers: { ...forwardedFor('203.0.113.7'), accept: 'text/html' },
      });
      assert.match(allowed.text, /id="client-address">203\.0\.113\.7</);
    });
  });

  test('troubleshooting page needs an admin', async () => {
    const alice = new PageClient(ipv4Url);
    assert.equal(await alice.login('/login.jsp', 'alice', alicePassword), 302);
    const page = await alice.get('/plugins/servlet/apitokenauth/client-address');
    assert.equal(page.status, 403);
    assert.ok(!page.text.includes('resolution-steps'));
  });

  let adminSession: PageClient | undefined;

  /** Logs the admin in once from 127.0.0.1 with a WebSudo grant, and returns the session cookie. */
  async function adminSessionCookie(): Promise<string> {
    if (!adminSession) {
      adminSession = new PageClient(ipv4Url);
      assert.equal(await adminSession.login('/login.jsp', 'admin', adminPassword), 302);
      await grantWebSudo(adminSession, 'jira', adminPassword);
    }
    return adminSession.cookieHeader;
  }
});
