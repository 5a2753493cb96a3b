#!/usr/bin/env node
// Measures IP restriction lookups per second with 1 and with 10,000 entries, for IPv4 and IPv6,
// and prints the ratio. A naive loop over the 10,000 entries is measured too, for scale.
// Each figure is the median of several runs in this one process.
// Usage: npm run build && node scripts/bench-ip-restrictions.mjs [runs] [lookupsPerRun]
import os from 'node:os';
import { createIpAddress } from '../plugin-apitokenauth/dist/client-address/ip-address.js';
import { createIpRestriction } from '../plugin-apitokenauth/dist/client-address/ip-restriction.js';

const runs = Number(process.argv[2] ?? 7);
const lookupsPerRun = Number(process.argv[3] ?? 500_000);
const probeCount = 4096;

// Seeded generator (mulberry32), so every run of the script measures the same entries.
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const families = {
  ipv4: { base: 0x0a000000n, bits: 24 },
  ipv6: { base: 0x20010db8000000000000000000000000n, bits: 24 },
};

function randomValue(random, family) {
  const { base, bits } = families[family];
  return base + BigInt(Math.floor(random() * 2 ** bits));
}

function createEntries(random, family, count) {
  const entries = [];
  for (let index = 0; index < count; index++) {
    const value = randomValue(random, family);
    const first = createIpAddress(family, value).text;
    const last = createIpAddress(family, value + 16n).text;
    entries.push(index % 2 === 0 ? first : `${first}-${last}`);
  }
  return entries;
}

// Creates the matcher a first attempt would write: test every entry's range in turn.
function createNaiveRestriction(entries) {
  const ranges = entries.map((entry) => createIpRestriction([entry]).list.entries[0].range);
  return {
    isAllowed(address) {
      for (const range of ranges) {
        if (range.family === address.family && range.first <= address.value && address.value <= range.last) return true;
      }
      return false;
    },
  };
}

function measureLookupsPerSecond(restriction, probes, lookups = lookupsPerRun) {
  let allowed = 0;
  const start = process.hrtime.bigint();
  for (let index = 0; index < lookups; index++) {
    if (restriction.isAllowed(probes[index % probes.length])) allowed++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Using the count keeps the loop from being optimised away.
  if (allowed < 0) console.log(allowed);
  return lookups / seconds;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const random = createRandom(42);
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${runs} runs of ${lookupsPerRun} lookups`);
console.log(`${'family'.padEnd(7)} ${'entries'.padEnd(16)}  ${'lookups/s (median)'.padStart(18)}  ${'ratio to 1 entry'.padStart(16)}`);
for (const family of ['ipv4', 'ipv6']) {
  const probes = Array.from({ length: probeCount }, () => createIpAddress(family, randomValue(random, family)));
  const manyEntries = createEntries(random, family, 10_000);
  const restrictions = {
    1: createIpRestriction(createEntries(random, family, 1)),
    10000: createIpRestriction(manyEntries),
  };
  // Warm up both, then alternate runs so that machine noise hits both sizes alike.
  const samples = { 1: [], 10000: [] };
  for (const size of [1, 10000]) measureLookupsPerSecond(restrictions[size], probes);
  for (let run = 0; run < runs; run++) {
    for (const size of [1, 10000]) samples[size].push(measureLookupsPerSecond(restrictions[size], probes));
  }
  const baseline = median(samples[1]);
  for (const size of [1, 10000]) {
    const rate = median(samples[size]);
    printRow(family, String(size), rate, baseline);
  }
  const naive = createNaiveRestriction(manyEntries);
  const naiveLookups = Math.max(1, Math.round(lookupsPerRun / 1000));
  const naiveSamples = Array.from({ length: runs }, () => measureLookupsPerSecond(naive, probes, naiveLookups));
  printRow(family, '10000, naive', median(naiveSamples), baseline);
}

function printRow(family, entries, rate, baseline) {
  const ratio = rate / baseline;
  console.log(`${family.padEnd(7)} ${entries.padEnd(16)}  ${Math.round(rate).toLocaleString('en-US').padStart(18)}  ${ratio.toFixed(ratio < 0.01 ? 5 : 2).padStart(16)}`);
}
