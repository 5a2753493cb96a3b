import type { IpAddress } from './ip-address.js';
import { compareBigint, mappedIpv4Part, type IpRange } from './ip-entry.js';

/**
 * A set of addresses built once from a list of ranges. A lookup is a binary search over the
 * merged ranges of the address's family, so it takes O(log n) time for n entries.
 */
export interface IpMatcher {
  /** Whether the address is inside one of the ranges. */
  contains(address: IpAddress): boolean;
  /** Number of disjoint ranges left after merging, per family. */
  readonly mergedRangeCount: { readonly ipv4: number; readonly ipv6: number };
}

/**
 * Creates a matcher from ranges of both families. Ranges are sorted, and overlapping or
 * adjacent ones merged. An IPv6 range that overlaps the IPv4-mapped block also matches the
 * IPv4 addresses it contains, because mapped addresses are parsed as IPv4.
 *
 * @example
 * ```ts
 * const matcher = createIpMatcher([{ family: 'ipv4', first: 0x0a000000n, last: 0x0affffffn }]);
 * const parsed = parseIpAddress('10.1.2.3');
 * if (parsed.ok) console.log(matcher.contains(parsed.address)); // true
 * ```
 */
export function createIpMatcher(ranges: Iterable<IpRange>): IpMatcher {
  const ipv4: IpRange[] = [];
  const ipv6: IpRange[] = [];
  for (const range of ranges) {
    if (range.family === 'ipv4') {
      ipv4.push(range);
      continue;
    }
    ipv6.push(range);
    const mapped = mappedIpv4Part(range);
    if (mapped) ipv4.push(mapped);
  }

  const ipv4Ranges = toNumberRanges(mergeRanges(ipv4));
  const ipv6Ranges = mergeRanges(ipv6);
  return {
    contains(address: IpAddress): boolean {
      if (address.family === 'ipv4') return containsNumber(ipv4Ranges, Number(address.value));
      return containsBigint(ipv6Ranges, address.value);
    },
    mergedRangeCount: { ipv4: ipv4Ranges.firsts.length, ipv6: ipv6Ranges.length },
  };
}

/** Sorts ranges of one family by their first value and merges overlapping or adjacent ones. */
export function mergeRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => compareBigint(a.first, b.first));
  const merged: IpRange[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1n) {
      if (range.last > previous.last) merged[merged.length - 1] = { ...previous, last: range.last };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

// IPv4 values fit in a double exactly, and number comparisons are several times faster than bigint ones.
interface NumberRanges {
  readonly firsts: Float64Array;
  readonly lasts: Float64Array;
}

function toNumberRanges(ranges: readonly IpRange[]): NumberRanges {
  const firsts = new Float64Array(ranges.length);
  const lasts = new Float64Array(ranges.length);
  ranges.forEach((range, index) => {
    firsts[index] = Number(range.first);
    lasts[index] = Number(range.last);
  });
  return { firsts, lasts };
}

function containsNumber({ firsts, lasts }: NumberRanges, value: number): boolean {
  // Find the last range whose first value is <= value; only that one can contain it.
  let low = 0;
  let high = firsts.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (firsts[middle]! <= value) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && value <= lasts[candidate]!;
}

function containsBigint(ranges: readonly IpRange[], value: bigint): boolean {
  let low = 0;
  let high = ranges.length - 1;
  let candidate: IpRange | undefined;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const range = ranges[middle]!;
    if (range.first <= value) {
      candidate = range;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate !== undefined && value <= candidate.last;
}
