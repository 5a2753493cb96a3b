import { ADDRESS_BITS, toWords, type IpFamily } from './ip-address.js';
import type { IpRange } from './ip-entry.js';

/** Sorted, disjoint ranges of one family, laid out for fast lookups. */
export interface RangeTable {
  readonly count: number;
  /** Whether the address given as 32-bit words (see `IpAddress.words`) is inside a range. */
  contains(words: readonly number[]): boolean;
}

// At most 2^16 buckets (two Int32Arrays of 256 KiB each); fewer for short lists.
const MAX_BUCKET_BITS = 16;

/**
 * Creates the lookup table for ranges that are sorted by first address and do not overlap
 * (the output of `mergeRanges`). Addresses are compared as unsigned 32-bit words, because
 * number comparisons are much faster than bigint ones.
 *
 * A lookup is a binary search, narrowed first by a bucket index: the bits just below the
 * prefix that all ranges share select a bucket, and the bucket stores which ranges can
 * contain its addresses. With 10,000 entries most buckets hold one or two candidates, so a
 * lookup takes a few comparisons instead of the 14 of a plain binary search.
 */
export function createRangeTable(family: IpFamily, ranges: readonly IpRange[]): RangeTable {
  const count = ranges.length;
  const first = ranges[0];
  const last = ranges[count - 1];
  if (!first || !last) return { count, contains: () => false };

  const stride = family === 'ipv4' ? 1 : 4;
  const firsts = new Uint32Array(count * stride);
  const lasts = new Uint32Array(count * stride);
  ranges.forEach((range, index) => {
    firsts.set(toWords(family, range.first), index * stride);
    lasts.set(toWords(family, range.last), index * stride);
  });
  const lowestWords = toWords(family, first.first);
  const highestWords = toWords(family, last.last);
  const buckets = createBuckets(family, ranges, first.first, last.last);

  return {
    count,
    contains(words: readonly number[]): boolean {
      // Outside the span of all ranges the bucket bits would be meaningless.
      if (compareWords(words, 0, lowestWords, stride) < 0 || compareWords(words, 0, highestWords, stride) > 0) return false;

      const bucket = extractBits(words, stride, buckets.shift, buckets.bits);
      const lastBefore = buckets.lastBefore[bucket]!;
      let candidate = lastBefore;
      let low = lastBefore + 1;
      let high = buckets.lastWithin[bucket]!;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        if (compareWords(firsts, middle * stride, words, stride) <= 0) {
          candidate = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return candidate >= 0 && compareWords(lasts, candidate * stride, words, stride) >= 0;
    },
  };
}

/**
 * Bucket index over the span from `lowest` to `highest`. For bucket b, `lastBefore[b]` is the
 * index of the last range starting before the bucket's first address (-1 if none) and
 * `lastWithin[b]` the last range starting at or before the bucket's last address. The range
 * that can contain an address of the bucket is between the two, inclusive.
 */
interface Buckets {
  readonly bits: number;
  readonly shift: number;
  readonly lastBefore: Int32Array;
  readonly lastWithin: Int32Array;
}

function createBuckets(family: IpFamily, ranges: readonly IpRange[], lowest: bigint, highest: bigint): Buckets {
  const totalBits = ADDRESS_BITS[family];
  const sharedPrefixBits = totalBits - bitLength(lowest ^ highest);
  // About four buckets per range keeps most buckets at zero or one candidate.
  const targetBits = Math.ceil(Math.log2(ranges.length)) + 2;
  const bits = Math.min(MAX_BUCKET_BITS, totalBits - sharedPrefixBits, targetBits);
  const shift = totalBits - sharedPrefixBits - bits;
  const prefix = (lowest >> BigInt(totalBits - sharedPrefixBits)) << BigInt(totalBits - sharedPrefixBits);

  const bucketCount = 2 ** bits;
  const lastBefore = new Int32Array(bucketCount);
  const lastWithin = new Int32Array(bucketCount);
  const bucketSize = 1n << BigInt(shift);
  let next = 0;
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const bucketFirst = prefix | (BigInt(bucket) << BigInt(shift));
    while (next < ranges.length && ranges[next]!.first < bucketFirst) next++;
    lastBefore[bucket] = next - 1;
    while (next < ranges.length && ranges[next]!.first <= bucketFirst + bucketSize - 1n) next++;
    lastWithin[bucket] = next - 1;
  }
  return { bits, shift, lastBefore, lastWithin };
}

/** Reads `count` bits (at most 16) of the address, starting `shift` bits above its least significant bit. */
function extractBits(words: readonly number[], stride: number, shift: number, count: number): number {
  if (count === 0) return 0;
  const wordIndex = stride - 1 - Math.floor(shift / 32);
  const bitInWord = shift % 32;
  let bits = words[wordIndex]! >>> bitInWord;
  if (bitInWord + count > 32 && wordIndex > 0) bits |= words[wordIndex - 1]! << (32 - bitInWord);
  return bits & ((1 << count) - 1);
}

/** Compares the address at `offset` in `array` with `words`: negative, zero or positive. */
function compareWords(array: ArrayLike<number>, offset: number, words: readonly number[], stride: number): number {
  for (let index = 0; index < stride; index++) {
    const difference = array[offset + index]! - words[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}
