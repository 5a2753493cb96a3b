import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coversWholeFamily, parseIpEntry } from '@plughost/plugin-apitokenauth/dist/client-address/ip-entry.js';

function entry(text: string) {
  const result = parseIpEntry(text);
  assert.ok(result.ok, `expected ${text} to parse, got: ${result.ok ? '' : result.message}`);
  return result.entry;
}

function entryError(text: string): string {
  const result = parseIpEntry(text);
  assert.ok(!result.ok, `expected ${text} to be invalid`);
  return result.message;
}

describe('parseIpEntry', () => {
  test('single address covers itself', () => {
    const parsed = entry(' 192.0.2.10 ');
    assert.equal(parsed.kind, 'address');
    assert.equal(parsed.text, '192.0.2.10');
    assert.equal(parsed.range.first, 0xc000020an);
    assert.equal(parsed.range.last, 0xc000020an);
  });

  test('IPv4 CIDR covers its block', () => {
    const parsed = entry('10.0.0.0/8');
    assert.equal(parsed.kind, 'cidr');
    assert.equal(parsed.range.first, 0x0a000000n);
    assert.equal(parsed.range.last, 0x0affffffn);
  });

  test('IPv6 CIDR covers its block', () => {
    const parsed = entry('2001:DB8::/32');
    assert.equal(parsed.text, '2001:db8::/32');
    assert.equal(parsed.range.family, 'ipv6');
    assert.equal(parsed.range.last - parsed.range.first, (1n << 96n) - 1n);
  });

  test('prefix over 32 for IPv4 is invalid', () => {
    assert.equal(entryError('10.0.0.0/33'), 'the prefix length must be 0-32 for IPv4');
  });

  test('prefix over 128 for IPv6 is invalid', () => {
    assert.equal(entryError('::/129'), 'the prefix length must be 0-128 for IPv6');
  });

  test('non-numeric prefix is invalid', () => {
    assert.match(entryError('10.0.0.0/'), /prefix length/);
    assert.match(entryError('10.0.0.0/-1'), /prefix length/);
    assert.match(entryError('10.0.0.0/8/8'), /prefix length/);
  });

  test('host bits set are invalid with a suggestion', () => {
    const message = entryError('10.0.0.5/24');
    assert.match(message, /host bits/);
    assert.match(message, /10\.0\.0\.0\/24/);
    assert.match(message, /10\.0\.0\.5 for the single address/);
  });

  test('IPv4-mapped CIDR becomes IPv4 CIDR', () => {
    const parsed = entry('::ffff:10.0.0.0/104');
    assert.equal(parsed.text, '10.0.0.0/8');
    assert.equal(parsed.range.family, 'ipv4');
  });

  test('CIDR with octal block address is invalid', () => {
    assert.match(entryError('010.0.0.0/8'), /block address is invalid.*leading zeros/);
  });

  test('range covers both ends', () => {
    const parsed = entry('192.0.2.10 - 192.0.2.20');
    assert.equal(parsed.kind, 'range');
    assert.equal(parsed.text, '192.0.2.10-192.0.2.20');
    assert.equal(parsed.range.last - parsed.range.first, 10n);
  });

  test('IPv6 range parses', () => {
    const parsed = entry('2001:db8::1-2001:db8::ff');
    assert.equal(parsed.range.family, 'ipv6');
  });

  test('range with first after last is invalid', () => {
    assert.match(entryError('192.0.2.20-192.0.2.10'), /write 192\.0\.2\.10-192\.0\.2\.20/);
  });

  test('range across families is invalid', () => {
    assert.match(entryError('192.0.2.1-2001:db8::1'), /must be IPv4 or both IPv6/);
  });

  test('range with a bad end is invalid', () => {
    assert.match(entryError('127.1-127.0.0.9'), /first address of the range is invalid/);
    assert.match(entryError('127.0.0.1-'), /last address of the range is invalid/);
    assert.match(entryError('1.1.1.1-1.1.1.2-1.1.1.3'), /one hyphen/);
  });

  test('empty entry is invalid', () => {
    assert.match(entryError('   '), /empty/);
  });
});

describe('coversWholeFamily', () => {
  const ranges = (...texts: string[]) => texts.map((text) => entry(text).range);

  test('zero prefix covers the family', () => {
    assert.equal(coversWholeFamily(ranges('0.0.0.0/0'), 'ipv4'), true);
    assert.equal(coversWholeFamily(ranges('::/0'), 'ipv6'), true);
    assert.equal(coversWholeFamily(ranges('::/0'), 'ipv4'), false);
  });

  test('two halves cover the family', () => {
    assert.equal(coversWholeFamily(ranges('128.0.0.0/1', '0.0.0.0/1'), 'ipv4'), true);
    assert.equal(coversWholeFamily(ranges('0.0.0.0-127.255.255.255', '128.0.0.0-255.255.255.255'), 'ipv4'), true);
  });

  test('a gap of one address is not full cover', () => {
    assert.equal(coversWholeFamily(ranges('0.0.0.0-127.255.255.254', '128.0.0.0/1'), 'ipv4'), false);
    assert.equal(coversWholeFamily(ranges('0.0.0.1-255.255.255.255'), 'ipv4'), false);
  });
});
