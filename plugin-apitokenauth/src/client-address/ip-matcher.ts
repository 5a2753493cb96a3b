import type { IpAddress } from './ip-address.js';
import { compareBigint, mappedIpv4Part, type IpRange } from './ip-entry.js';
import { createRangeTable } from './range-table.js';

/**
 * A set of addresses built once from a list of ranges. A lookup is a binary search over the
 * merged ranges of the address's family, narrowed by a bucket index (see `createRangeTable`).
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

  const ipv4Ranges = createRangeTable('ipv4', mergeRanges(ipv4));
  const ipv6Ranges = createRangeTable('ipv6', mergeRanges(ipv6));
  return {
    contains(address: IpAddress): boolean {
      const table = address.family === 'ipv4' ? ipv4Ranges : ipv6Ranges;
      return table.contains(address.words);
    },
    mergedRangeCount: { ipv4: ipv4Ranges.count, ipv6: ipv6Ranges.count },
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
