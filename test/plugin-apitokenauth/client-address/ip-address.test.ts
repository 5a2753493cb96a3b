import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createIpAddress, parseIpAddress } from '@plughost/plugin-apitokenauth/dist/client-address/ip-address.js';

function parsedText(text: string): string {
  const result = parseIpAddress(text);
  assert.ok(result.ok, `expected ${text} to parse, got: ${result.ok ? '' : result.reason}`);
  return `${result.address.family} ${result.address.text}`;
}

function failureReason(text: string): string {
  const result = parseIpAddress(text);
  assert.ok(!result.ok, `expected ${text} to be invalid`);
  return result.reason;
}

describe('parseIpAddress', () => {
  test('IPv4 dotted quads parse', () => {
    assert.equal(parsedText('192.0.2.10'), 'ipv4 192.0.2.10');
    assert.equal(parsedText('0.0.0.0'), 'ipv4 0.0.0.0');
    assert.equal(parsedText('255.255.255.255'), 'ipv4 255.255.255.255');
  });

  test('IPv4 value is the 32-bit number', () => {
    const result = parseIpAddress('203.0.113.7');
    assert.ok(result.ok);
    assert.equal(result.address.value, 0xcb007107n);
  });

  test('IPv4 with leading zeros is invalid', () => {
    assert.match(failureReason('010.0.0.1'), /leading zeros/);
    assert.match(failureReason('10.0.0.01'), /leading zeros/);
  });

  test('IPv4 short forms are invalid', () => {
    assert.match(failureReason('127.1'), /four decimal octets/);
    assert.match(failureReason('10.1.1'), /four decimal octets/);
    assert.match(failureReason('2130706433'), /four decimal octets/);
  });

  test('IPv4 hex octets are invalid', () => {
    assert.match(failureReason('0x7f.0.0.1'), /no hex/);
  });

  test('IPv4 octet over 255 is invalid', () => {
    assert.match(failureReason('256.0.0.1'), /0 to 255/);
  });

  test('IPv4 with spaces or five octets is invalid', () => {
    failureReason(' 10.0.0.1');
    failureReason('1.2.3.4.5');
    failureReason('');
  });

  test('IPv6 compressed and full forms parse canonically', () => {
    assert.equal(parsedText('2001:DB8:0:0:0:0:0:1'), 'ipv6 2001:db8::1');
    assert.equal(parsedText('2001:db8::1'), 'ipv6 2001:db8::1');
    assert.equal(parsedText('::'), 'ipv6 ::');
    assert.equal(parsedText('::1'), 'ipv6 ::1');
  });

  test('IPv6 with embedded IPv4 parses', () => {
    assert.equal(parsedText('64:ff9b::192.0.2.33'), 'ipv6 64:ff9b::c000:221');
  });

  test('IPv4-mapped IPv6 becomes IPv4', () => {
    assert.equal(parsedText('::ffff:203.0.113.7'), 'ipv4 203.0.113.7');
    assert.equal(parsedText('::FFFF:cb00:7107'), 'ipv4 203.0.113.7');
    assert.equal(parsedText('0:0:0:0:0:ffff:127.0.0.1'), 'ipv4 127.0.0.1');
  });

  test('IPv6 zone id is invalid', () => {
    assert.match(failureReason('fe80::1%eth0'), /zone id/);
  });

  test('IPv6 embedded octal IPv4 is invalid', () => {
    assert.match(failureReason('::ffff:010.0.0.1'), /leading zeros/);
  });

  test('deprecated IPv4-compatible form is invalid', () => {
    assert.match(failureReason('::192.0.2.1'), /deprecated/);
  });

  test('malformed IPv6 is invalid', () => {
    failureReason('1::2::3');
    failureReason('12345::1');
    failureReason('1:2:3:4:5:6:7:8:9');
    failureReason('2001:db8::g');
    failureReason('[2001:db8::1]');
  });

  test('createIpAddress rejects out-of-range values', () => {
    assert.throws(() => createIpAddress('ipv4', 1n << 32n), RangeError);
    assert.equal(createIpAddress('ipv4', 0x7f000001n).text, '127.0.0.1');
  });
});
