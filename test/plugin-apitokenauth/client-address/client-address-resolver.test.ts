import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createClientAddressResolver,
  type ClientAddressResolution,
  type ReverseProxySettings,
} from '@plughost/plugin-apitokenauth/dist/client-address/client-address-resolver.js';
import type { RequestHeaders } from '@plughost/plugin-apitokenauth/dist/client-address/forwarded-header.js';

const proxySettings: ReverseProxySettings = {
  enabled: true,
  trustedProxies: ['127.0.0.2', '10.0.0.0/8', '2001:db8:ffff::/48'],
  clientIpHeader: 'X-Forwarded-For',
};

function resolve(peerAddress: string, headers: RequestHeaders, settings: ReverseProxySettings = proxySettings): ClientAddressResolution {
  return createClientAddressResolver(settings).resolve({ peerAddress, headers });
}

function resolvedText(peerAddress: string, headers: RequestHeaders, settings?: ReverseProxySettings): string | undefined {
  return resolve(peerAddress, headers, settings).address?.text;
}

describe('client address resolver: proxy off or untrusted peer', () => {
  test('proxy support off uses the peer and ignores the header', () => {
    const result = resolve('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }, { ...proxySettings, enabled: false });
    assert.equal(result.address?.text, '203.0.113.7');
    assert.match(result.steps.join('\n'), /reverse proxy support is off/);
  });

  test('X-Forwarded-For from untrusted peer is ignored', () => {
    const result = resolve('203.0.113.7', { 'x-forwarded-for': '10.0.0.5' });
    assert.equal(result.address?.text, '203.0.113.7');
    assert.deepEqual(result.steps, ['peer 203.0.113.7 is not a trusted proxy: using its address and ignoring X-Forwarded-For']);
  });

  test('mapped IPv4 peer is read as IPv4', () => {
    assert.equal(resolvedText('::ffff:203.0.113.7', {}), '203.0.113.7');
    assert.equal(resolvedText('::ffff:127.0.0.2', { 'x-forwarded-for': '198.51.100.7' }), '198.51.100.7');
  });

  test('unparsable peer is refused', () => {
    const result = resolve('not-an-address', {});
    assert.equal(result.address, undefined);
    assert.match(result.refusedReason ?? '', /peer address "not-an-address" cannot be parsed/);
  });
});

describe('client address resolver: X-Forwarded-For', () => {
  test('trusted peer takes the client from the header', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': '198.51.100.7' });
    assert.equal(result.address?.text, '198.51.100.7');
    assert.deepEqual(result.steps, [
      'peer 127.0.0.2 is a trusted proxy',
      'X-Forwarded-For element 1 from the right, 198.51.100.7, is not a trusted proxy: using it',
    ]);
  });

  test('trusted proxies on the right are skipped', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': '198.51.100.7, 10.1.1.1, 10.2.2.2' });
    assert.equal(result.address?.text, '198.51.100.7');
    assert.equal(result.steps[3], 'X-Forwarded-For element 3 from the right, 198.51.100.7, is not a trusted proxy: using it');
  });

  test('spoofed value prepended by the client is ignored', () => {
    // The client sent "X-Forwarded-For: 10.9.9.9" itself; the proxy appended the real peer.
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '10.9.9.9, 203.0.113.50' }), '203.0.113.50');
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '192.0.2.1, 203.0.113.50, 10.0.0.1' }), '203.0.113.50');
  });

  test('repeated headers are joined in order', () => {
    const headers = { 'x-forwarded-for': ['192.0.2.1, 198.51.100.7', '10.0.0.1'] };
    assert.equal(resolvedText('127.0.0.2', headers), '198.51.100.7');
    const reversed = { 'x-forwarded-for': ['10.0.0.1', '192.0.2.1, 198.51.100.7'] };
    assert.equal(resolvedText('127.0.0.2', reversed), '198.51.100.7');
    const lastLineUntrusted = { 'x-forwarded-for': ['198.51.100.7', '192.0.2.1'] };
    assert.equal(resolvedText('127.0.0.2', lastLineUntrusted), '192.0.2.1');
  });

  test('header name is matched case-insensitively', () => {
    assert.equal(resolvedText('127.0.0.2', { 'X-Forwarded-For': '198.51.100.7' }), '198.51.100.7');
  });

  test('every element trusted takes the leftmost', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': '10.0.0.3, 10.0.0.2, 10.0.0.1' });
    assert.equal(result.address?.text, '10.0.0.3');
    assert.match(result.steps.at(-1) ?? '', /every X-Forwarded-For element is a trusted proxy: using the leftmost, 10\.0\.0\.3/);
  });

  test('missing header uses the trusted peer', () => {
    const result = resolve('127.0.0.2', {});
    assert.equal(result.address?.text, '127.0.0.2');
    assert.match(result.steps.at(-1) ?? '', /has no X-Forwarded-For header/);
    assert.equal(result.steps.some((step) => step.includes('is empty')), false);
  });

  test('empty elements and spaces are skipped', () => {
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': ' 198.51.100.7 ,, 10.0.0.1 , ' }), '198.51.100.7');
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '  ' }), '127.0.0.2');
  });

  test('ports and brackets are removed', () => {
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '203.0.113.7:8080' }), '203.0.113.7');
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '[2001:db8::1]:443' }), '2001:db8::1');
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '[2001:db8::1]' }), '2001:db8::1');
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '2001:db8::1' }), '2001:db8::1');
  });

  test('mapped IPv4 element is read as IPv4', () => {
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '[::ffff:203.0.113.7]:1234' }), '203.0.113.7');
    // A mapped trusted proxy is skipped like its IPv4 form.
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': '198.51.100.7, ::ffff:10.0.0.1' }), '198.51.100.7');
  });

  test('IPv6 trusted proxies are skipped', () => {
    assert.equal(resolvedText('2001:db8:ffff::1', { 'x-forwarded-for': '2001:db8:1::5, 2001:db8:ffff::2' }), '2001:db8:1::5');
  });

  test('unknown where the decision needs it is refused', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': 'unknown, 10.0.0.1' });
    assert.equal(result.address, undefined);
    assert.match(result.refusedReason ?? '', /element 2 from the right, "unknown", is not an address/);
    assert.match(result.steps.at(-1) ?? '', /refusing the request$/);
  });

  test('unknown left of the client is never read', () => {
    assert.equal(resolvedText('127.0.0.2', { 'x-forwarded-for': 'unknown, 198.51.100.7, 10.0.0.1' }), '198.51.100.7');
  });

  test('malformed elements are refused, not guessed', () => {
    for (const element of ['127.1', '010.0.0.1', '_hidden', '[192.0.2.1]:80', '192.0.2.1:99999', 'fe80::1%eth0', '"192.0.2.1"']) {
      const result = resolve('127.0.0.2', { 'x-forwarded-for': `${element}, 10.0.0.1` });
      assert.equal(result.address, undefined, element);
      assert.ok(result.refusedReason, element);
    }
  });

  test('control characters are escaped in steps', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': 'evil\nINFO forged line' });
    assert.equal(result.address, undefined);
    assert.ok(result.steps.every((step) => !step.includes('\n')));
    assert.match(result.refusedReason ?? '', /"evil\\nINFO forged line"/);
  });

  test('a very long header is cut off', () => {
    const result = resolve('127.0.0.2', { 'x-forwarded-for': Array(200).fill('10.0.0.1').join(',') });
    assert.equal(result.address, undefined);
    assert.match(result.refusedReason ?? '', /more than 100/);
  });
});

describe('client address resolver: X-Real-IP', () => {
  const realIp: ReverseProxySettings = { ...proxySettings, clientIpHeader: 'X-Real-IP' };

  test('trusted peer takes X-Real-IP', () => {
    const result = resolve('10.0.0.1', { 'x-real-ip': '198.51.100.7', 'x-forwarded-for': '192.0.2.1' }, realIp);
    assert.equal(result.address?.text, '198.51.100.7');
    assert.equal(result.steps.at(-1), 'X-Real-IP is 198.51.100.7: using it');
  });

  test('X-Real-IP from untrusted peer is ignored', () => {
    assert.equal(resolvedText('192.0.2.200', { 'x-real-ip': '10.0.0.1' }, realIp), '192.0.2.200');
  });

  test('X-Real-IP with a port or brackets', () => {
    assert.equal(resolvedText('10.0.0.1', { 'x-real-ip': '[2001:db8::7]:80' }, realIp), '2001:db8::7');
    assert.equal(resolvedText('10.0.0.1', { 'x-real-ip': ' 203.0.113.7:8080 ' }, realIp), '203.0.113.7');
  });

  test('X-Real-IP with several values is refused', () => {
    assert.equal(resolvedText('10.0.0.1', { 'x-real-ip': '198.51.100.7, 10.0.0.2' }, realIp), undefined);
    assert.equal(resolvedText('10.0.0.1', { 'x-real-ip': ['198.51.100.7', '10.0.0.2'] }, realIp), undefined);
  });

  test('X-Real-IP unknown is refused', () => {
    assert.equal(resolvedText('10.0.0.1', { 'x-real-ip': 'unknown' }, realIp), undefined);
  });

  test('missing X-Real-IP uses the trusted peer', () => {
    assert.equal(resolvedText('10.0.0.1', {}, realIp), '10.0.0.1');
  });
});

describe('client address resolver: stored entries', () => {
  test('invalid trusted proxy entry is ignored and reported', () => {
    const settings: ReverseProxySettings = { ...proxySettings, trustedProxies: ['127.1', '127.0.0.2'] };
    const result = resolve('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' }, settings);
    assert.equal(result.address?.text, '127.0.0.1');
    assert.match(result.steps[0] ?? '', /reverseProxy\.trustedProxies\[0\] "127\.1" is invalid and ignored/);
  });
});
