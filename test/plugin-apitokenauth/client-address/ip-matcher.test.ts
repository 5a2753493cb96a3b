import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createIpAddress, parseIpAddress, type IpAddress, type IpFamily } from '@plughost/plugin-apitokenauth/dist/client-address/ip-address.js';
import { compileIpAddressList } from '@plughost/plugin-apitokenauth/dist/client-address/ip-address-list.js';
import { createIpMatcher, mergeRanges } from '@plughost/plugin-apitokenauth/dist/client-address/ip-matcher.js';
import { createIpRestriction } from '@plughost/plugin-apitokenauth/dist/client-address/ip-restriction.js';

function address(text: string): IpAddress {
  const result = parseIpAddress(text);
  assert.ok(result.ok, `test address ${text} must parse`);
  return result.address;
}

function matches(entries: string[], text: string): boolean {
  const list = compileIpAddressList(entries);
  assert.deepEqual(list.invalidEntries, []);
  return list.matcher.contains(address(text));
}

/** mulberry32: a small seeded generator, so a failure can be replayed with the same seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function formatFull(family: IpFamily, value: bigint): string {
  if (family === 'ipv4') return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

interface GeneratedEntry {
  family: IpFamily;
  first: bigint;
  last: bigint;
  text: string;
}

interface Space {
  base: bigint;
  bits: number;
}

interface Scenario {
  ipv4: Space;
  ipv6: Space;
  entryCount: number;
  seed: number;
}

// Entries crowd a small space (10.0.0.0/12, 2001:db8::/108) so that random lookups hit and miss.
const CROWDED: Scenario = {
  ipv4: { base: 0x0a000000n, bits: 20 },
  ipv6: { base: 0x20010db8000000000000000000000000n, bits: 20 },
  entryCount: 10_000,
  seed: 20261204,
};

function randomOffset(random: () => number, bits: number): bigint {
  // Math.random-style doubles carry 32 random bits here, so wide offsets are built in 16-bit pieces.
  let offset = 0n;
  for (let built = 0; built < bits; built += 16) offset = (offset << 16n) | BigInt(Math.floor(random() * 65536));
  return offset & ((1n << BigInt(bits)) - 1n);
}

function generateEntry(random: () => number, family: IpFamily, space: Space): GeneratedEntry {
  const offset = randomOffset(random, space.bits);
  const kind = random();
  if (kind < 0.4) {
    const value = space.base + offset;
    return { family, first: value, last: value, text: formatFull(family, value) };
  }
  if (kind < 0.7) {
    const hostBits = BigInt(Math.floor(random() * 10));
    const first = space.base + ((offset >> hostBits) << hostBits);
    const last = first + (1n << hostBits) - 1n;
    const prefix = (family === 'ipv4' ? 32n : 128n) - hostBits;
    return { family, first, last, text: `${formatFull(family, first)}/${prefix}` };
  }
  const first = space.base + offset;
  const maxLast = (family === 'ipv4' ? 1n << 32n : 1n << 128n) - 1n;
  const wanted = first + BigInt(Math.floor(random() * 300));
  const last = wanted > maxLast ? maxLast : wanted;
  return { family, first, last, text: `${formatFull(family, first)}-${formatFull(family, last)}` };
}

function naiveContains(entries: readonly GeneratedEntry[], family: IpFamily, value: bigint): boolean {
  for (const entry of entries) {
    if (entry.family === family && entry.first <= value && value <= entry.last) return true;
  }
  return false;
}

/** Compares the matcher with a naive loop on random probes and on entry boundaries; returns the hit count. */
function compareWithNaiveLoop(scenario: Scenario, probeCount: number): { hits: number; probes: number } {
  const random = createRandom(scenario.seed);
  const entries: GeneratedEntry[] = [];
  for (let index = 0; index < scenario.entryCount; index++) {
    const family: IpFamily = random() < 0.5 ? 'ipv4' : 'ipv6';
    entries.push(generateEntry(random, family, scenario[family]));
  }
  const list = compileIpAddressList(entries.map((entry) => entry.text));
  assert.deepEqual(list.invalidEntries, [], `seed ${scenario.seed}`);

  const maxValue = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };
  const probes: { family: IpFamily; value: bigint }[] = [];
  for (let index = 0; index < probeCount; index++) {
    const family: IpFamily = random() < 0.5 ? 'ipv4' : 'ipv6';
    probes.push({ family, value: scenario[family].base + randomOffset(random, scenario[family].bits) });
  }
  // The boundaries of some entries, where an off-by-one would show.
  for (const entry of entries.slice(0, 500)) {
    for (const value of [entry.first - 1n, entry.first, entry.last, entry.last + 1n]) {
      if (value >= 0n && value <= maxValue[entry.family]) probes.push({ family: entry.family, value });
    }
  }

  let hits = 0;
  for (const probe of probes) {
    const expected = naiveContains(entries, probe.family, probe.value);
    const actual = list.matcher.contains(createIpAddress(probe.family, probe.value));
    assert.equal(actual, expected, `seed ${scenario.seed}: ${formatFull(probe.family, probe.value)}`);
    if (expected) hits++;
  }
  return { hits, probes: probes.length };
}

describe('IP matcher', () => {
  test('single IPv4 address matches only itself', () => {
    assert.equal(matches(['192.0.2.10'], '192.0.2.10'), true);
    assert.equal(matches(['192.0.2.10'], '192.0.2.11'), false);
    assert.equal(matches(['192.0.2.10'], '192.0.2.9'), false);
  });

  test('IPv4 CIDR boundaries', () => {
    assert.equal(matches(['198.51.100.0/24'], '198.51.100.0'), true);
    assert.equal(matches(['198.51.100.0/24'], '198.51.100.255'), true);
    assert.equal(matches(['198.51.100.0/24'], '198.51.101.0'), false);
    assert.equal(matches(['198.51.100.0/24'], '198.51.99.255'), false);
  });

  test('IPv4 range boundaries', () => {
    assert.equal(matches(['192.0.2.10-192.0.2.20'], '192.0.2.10'), true);
    assert.equal(matches(['192.0.2.10-192.0.2.20'], '192.0.2.20'), true);
    assert.equal(matches(['192.0.2.10-192.0.2.20'], '192.0.2.21'), false);
  });

  test('IPv6 CIDR and address', () => {
    assert.equal(matches(['2001:db8::/32'], '2001:db8:ffff::1'), true);
    assert.equal(matches(['2001:db8::/32'], '2001:db9::'), false);
    assert.equal(matches(['2001:db8::1'], '2001:DB8:0::1'), true);
  });

  test('families never match each other', () => {
    assert.equal(matches(['0.0.0.0/0'], '::1'), false);
    assert.equal(matches(['2001:db8::/32'], '32.1.13.184'), false);
  });

  test('mapped IPv4 client matches IPv4 entry', () => {
    assert.equal(matches(['203.0.113.0/24'], '::ffff:203.0.113.7'), true);
  });

  test('IPv6 entry over mapped block matches IPv4 client', () => {
    assert.equal(matches(['::ffff:0:0/96'], '198.51.100.1'), true);
    assert.equal(matches(['::/0'], '198.51.100.1'), true);
    assert.equal(matches(['::ffff:203.0.113.0-::ffff:203.0.113.9'], '203.0.113.9'), true);
    assert.equal(matches(['::ffff:203.0.113.0-::ffff:203.0.113.9'], '203.0.113.10'), false);
  });

  test('empty matcher matches nothing', () => {
    assert.equal(createIpMatcher([]).contains(address('127.0.0.1')), false);
    assert.equal(createIpMatcher([]).contains(address('::1')), false);
  });

  test('overlapping and adjacent ranges merge', () => {
    const merged = mergeRanges([
      { family: 'ipv4', first: 10n, last: 20n },
      { family: 'ipv4', first: 21n, last: 30n },
      { family: 'ipv4', first: 15n, last: 18n },
      { family: 'ipv4', first: 40n, last: 50n },
    ]);
    assert.deepEqual(merged.map((range) => [range.first, range.last]), [[10n, 30n], [40n, 50n]]);
  });

  test('10,000 entries agree with a naive loop', () => {
    const { hits, probes } = compareWithNaiveLoop(CROWDED, 1500);
    // Hits and misses must both be common, or the comparison would prove little.
    assert.ok(hits > probes / 10, `only ${hits} of ${probes} probes hit`);
    assert.ok(hits < probes * 0.9, `${hits} of ${probes} probes hit`);
  });

  test('entries across 40 bits agree with a naive loop', () => {
    // Bucket bits then straddle two 32-bit words of the IPv6 address.
    compareWithNaiveLoop({ ...CROWDED, ipv4: { base: 0n, bits: 32 }, ipv6: { base: 0x20010000000000000000000000000000n, bits: 40 }, seed: 7 }, 1500);
  });

  test('entries across the whole space agree with a naive loop', () => {
    compareWithNaiveLoop({ ipv4: { base: 0n, bits: 32 }, ipv6: { base: 0n, bits: 128 }, entryCount: 2000, seed: 11 }, 1500);
  });

  test('short lists agree with a naive loop', () => {
    for (const entryCount of [1, 2, 3, 5, 17]) {
      compareWithNaiveLoop({ ...CROWDED, entryCount, seed: entryCount }, 300);
    }
  });
});

describe('IP restriction', () => {
  test('empty list allows every address', () => {
    const restriction = createIpRestriction([]);
    assert.equal(restriction.isAllowed(address('203.0.113.7')), true);
    assert.equal(restriction.isAllowed(address('2001:db8::1')), true);
  });

  test('non-empty list allows only its entries', () => {
    const restriction = createIpRestriction(['192.0.2.0/24', '2001:db8::/32']);
    assert.equal(restriction.isAllowed(address('192.0.2.99')), true);
    assert.equal(restriction.isAllowed(address('2001:db8::99')), true);
    assert.equal(restriction.isAllowed(address('198.51.100.1')), false);
    assert.equal(restriction.isAllowed(address('::1')), false);
  });

  test('list of only invalid entries allows nothing', () => {
    const restriction = createIpRestriction(['127.1']);
    assert.equal(restriction.list.invalidEntries.length, 1);
    assert.equal(restriction.isAllowed(address('127.0.0.1')), false);
  });
});
