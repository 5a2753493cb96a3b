import {
  ADDRESS_BITS,
  createIpAddress,
  MAPPED_IPV4_BLOCK,
  MAX_ADDRESS_VALUE,
  parseIpAddress,
  type IpAddress,
  type IpFamily,
} from './ip-address.js';

/** An inclusive range of address values within one family. */
export interface IpRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * One parsed entry of an address list: a single address (`192.0.2.10`), a CIDR block
 * (`10.0.0.0/8`) or a `first-last` range, with its canonical text and the values it covers.
 */
export interface IpEntry {
  readonly kind: 'address' | 'cidr' | 'range';
  /** Canonical text: compressed IPv6, IPv4-mapped addresses as IPv4, no spaces. */
  readonly text: string;
  readonly range: IpRange;
}

/** Result of {@link parseIpEntry}: the entry, or a message saying what is wrong and how to fix it. */
export type IpEntryParseResult =
  | { readonly ok: true; readonly entry: IpEntry }
  | { readonly ok: false; readonly message: string };

/**
 * Parses one entry of an IP restriction or trusted proxy list. Addresses are parsed strictly
 * (see `parseIpAddress`). A CIDR prefix must be within the family (0-32, 0-128), and a block
 * whose address has host bits set (`10.0.0.5/24`) is invalid rather than silently widened,
 * because the admin may have meant the single address. In a range both ends must be of the
 * same family and the first must not be greater than the last.
 *
 * @example
 * ```ts
 * const result = parseIpEntry('198.51.100.0/24');
 * if (result.ok) console.log(result.entry.range.first); // 3325256704n
 * ```
 */
export function parseIpEntry(rawText: string): IpEntryParseResult {
  const text = rawText.trim();
  if (text === '') return { ok: false, message: 'the entry is empty: enter an address, a CIDR block or a range, or remove it' };
  if (text.includes('/')) return parseCidr(text);
  if (text.includes('-')) return parseRange(text);

  const parsed = parseIpAddress(text);
  if (!parsed.ok) return { ok: false, message: parsed.reason };
  const { address } = parsed;
  return { ok: true, entry: { kind: 'address', text: address.text, range: singleAddressRange(address) } };
}

/** Returns whether the ranges together contain every address of `family`. Ranges of the other family are ignored. */
export function coversWholeFamily(ranges: readonly IpRange[], family: IpFamily): boolean {
  const sorted = ranges.filter((range) => range.family === family).sort((a, b) => compareBigint(a.first, b.first));
  let nextUncovered = 0n;
  for (const range of sorted) {
    if (range.first > nextUncovered) return false;
    if (range.last >= nextUncovered) nextUncovered = range.last + 1n;
  }
  return nextUncovered > MAX_ADDRESS_VALUE[family];
}

/**
 * Returns the IPv4 part of an IPv6 range that overlaps the IPv4-mapped block, because
 * addresses in that block are looked up as IPv4. Returns undefined when there is no overlap.
 */
export function mappedIpv4Part(range: IpRange): IpRange | undefined {
  if (range.family !== 'ipv6' || range.last < MAPPED_IPV4_BLOCK.first || range.first > MAPPED_IPV4_BLOCK.last) {
    return undefined;
  }
  const first = range.first > MAPPED_IPV4_BLOCK.first ? range.first : MAPPED_IPV4_BLOCK.first;
  const last = range.last < MAPPED_IPV4_BLOCK.last ? range.last : MAPPED_IPV4_BLOCK.last;
  return { family: 'ipv4', first: first & MAX_ADDRESS_VALUE.ipv4, last: last & MAX_ADDRESS_VALUE.ipv4 };
}

/** Compares two bigints for `Array.prototype.sort`. */
export function compareBigint(a: bigint, b: bigint): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function singleAddressRange(address: IpAddress): IpRange {
  return { family: address.family, first: address.value, last: address.value };
}

function parseCidr(text: string): IpEntryParseResult {
  const slash = text.indexOf('/');
  const baseText = text.slice(0, slash).trim();
  const prefixText = text.slice(slash + 1).trim();

  const parsed = parseIpAddress(baseText);
  if (!parsed.ok) return { ok: false, message: `the block address is invalid: ${parsed.reason}` };

  // An IPv4-mapped base such as ::ffff:10.0.0.0/104 is read in the IPv6 numbering it was written in.
  const writtenAsIpv6 = baseText.includes(':');
  const family: IpFamily = writtenAsIpv6 ? 'ipv6' : 'ipv4';
  const base = writtenAsIpv6 && parsed.address.family === 'ipv4' ? MAPPED_IPV4_BLOCK.first | parsed.address.value : parsed.address.value;
  const bits = ADDRESS_BITS[family];
  const familyLabel = family === 'ipv4' ? 'IPv4' : 'IPv6';

  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return { ok: false, message: `the prefix length must be 0-${bits} for ${familyLabel}` };
  }
  const prefix = Number(prefixText);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((base & hostMask) !== 0n) {
    const network = toEntryText(family, base & ~hostMask);
    const single = writtenAsIpv6 ? baseText : parsed.address.text;
    return {
      ok: false,
      message: `host bits are set after the /${prefix} prefix: write ${network}/${prefix} for the whole block or ${single} for the single address`,
    };
  }

  const range: IpRange = { family, first: base, last: base | hostMask };
  const mapped = family === 'ipv6' ? mappedIpv4Part(range) : undefined;
  if (mapped && prefix >= 96) {
    // Entirely inside the mapped block: store it as the IPv4 block it is.
    const ipv4Prefix = prefix - 96;
    return { ok: true, entry: { kind: 'cidr', text: `${toEntryText('ipv4', mapped.first)}/${ipv4Prefix}`, range: mapped } };
  }
  return { ok: true, entry: { kind: 'cidr', text: `${toEntryText(family, base)}/${prefix}`, range } };
}

function parseRange(text: string): IpEntryParseResult {
  const parts = text.split('-').map((part) => part.trim());
  if (parts.length !== 2) {
    return { ok: false, message: 'a range must be two addresses joined by one hyphen, like 192.0.2.10-192.0.2.20' };
  }
  const [firstText = '', lastText = ''] = parts;
  const first = parseIpAddress(firstText);
  if (!first.ok) return { ok: false, message: `the first address of the range is invalid: ${first.reason}` };
  const last = parseIpAddress(lastText);
  if (!last.ok) return { ok: false, message: `the last address of the range is invalid: ${last.reason}` };

  if (first.address.family !== last.address.family) {
    return { ok: false, message: 'both ends of a range must be IPv4 or both IPv6' };
  }
  if (first.address.value > last.address.value) {
    return { ok: false, message: `the first address is greater than the last: write ${last.address.text}-${first.address.text}` };
  }
  const range: IpRange = { family: first.address.family, first: first.address.value, last: last.address.value };
  return { ok: true, entry: { kind: 'range', text: `${first.address.text}-${last.address.text}`, range } };
}

function toEntryText(family: IpFamily, value: bigint): string {
  return createIpAddress(family, value).text;
}
