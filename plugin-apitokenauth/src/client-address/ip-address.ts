import ipaddr from 'ipaddr.js';

/** Address family of a parsed address. An IPv4-mapped IPv6 address counts as `ipv4`. */
export type IpFamily = 'ipv4' | 'ipv6';

/**
 * A parsed IP address: its family, its value as an unsigned integer (32 bits for IPv4,
 * 128 bits for IPv6) and its canonical text (dotted quad, or RFC 5952 compressed IPv6).
 */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
  readonly text: string;
  /**
   * The value as unsigned 32-bit words, most significant first: one for IPv4, four for IPv6.
   * Lookups compare these because number comparisons are much faster than bigint ones.
   */
  readonly words: readonly number[];
}

/** Result of {@link parseIpAddress}: the address, or why the text is not one. */
export type IpAddressParseResult =
  | { readonly ok: true; readonly address: IpAddress }
  | { readonly ok: false; readonly reason: string };

/** Largest value per family, also the number of host bits set in a `/0` block. */
export const MAX_ADDRESS_VALUE: Readonly<Record<IpFamily, bigint>> = {
  ipv4: (1n << 32n) - 1n,
  ipv6: (1n << 128n) - 1n,
};

/** Number of bits per family. */
export const ADDRESS_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

// One octet 0-255 in plain decimal: no leading zero, so "010" (octal to inet_aton) is invalid.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const IPV6_CHARACTERS = /^[0-9a-fA-F:.]+$/;
const MAPPED_PREFIX = 0xffffn << 32n;
const MAPPED_MASK = ~((1n << 32n) - 1n) & MAX_ADDRESS_VALUE.ipv6;

/**
 * Parses one IP address strictly. IPv4 must be a dotted quad of decimal octets: octal or
 * leading zeros (`010.0.0.1`), short forms (`127.1`) and hex (`0x7f.0.0.1`) are invalid,
 * because other parsers read them as different addresses. IPv6 may be compressed and may end
 * in an embedded dotted quad; zone ids (`fe80::1%eth0`) and the deprecated IPv4-compatible
 * form (`::1.2.3.4`) are invalid. An IPv4-mapped address (`::ffff:1.2.3.4`) becomes the IPv4
 * address. Brackets and ports are not accepted here (see `parseHeaderAddress`).
 *
 * @example
 * ```ts
 * const result = parseIpAddress('::ffff:203.0.113.7');
 * if (result.ok) console.log(result.address.text); // 203.0.113.7
 * ```
 */
export function parseIpAddress(text: string): IpAddressParseResult {
  if (text === '') return { ok: false, reason: 'the address is empty' };
  if (!text.includes(':')) return parseIpv4(text);
  return parseIpv6(text);
}

/**
 * Creates the address with the given family and value. Throws `RangeError` when the value
 * does not fit the family.
 */
export function createIpAddress(family: IpFamily, value: bigint): IpAddress {
  if (value < 0n || value > MAX_ADDRESS_VALUE[family]) {
    throw new RangeError(`${value} is not a valid ${family} address value`);
  }
  const text = family === 'ipv4' ? formatIpv4(value) : formatIpv6(value);
  return { family, value, text, words: toWords(family, value) };
}

function parseIpv4(text: string): IpAddressParseResult {
  if (DOTTED_QUAD.test(text)) {
    const value = text.split('.').reduce((sum, octet) => (sum << 8n) | BigInt(octet), 0n);
    return { ok: true, address: createIpAddress('ipv4', value) };
  }
  return { ok: false, reason: describeInvalidIpv4(text) };
}

function describeInvalidIpv4(text: string): string {
  const parts = text.split('.');
  if (/[^0-9a-fA-Fx.]/.test(text)) return 'not an IPv4 or IPv6 address';
  if (parts.length !== 4) {
    return 'an IPv4 address must have four decimal octets, like 192.0.2.10 (short forms such as 127.1 are not accepted)';
  }
  if (parts.some((part) => /^0[0-9]/.test(part) || /[^0-9]/.test(part))) {
    return 'IPv4 octets must be plain decimal: no leading zeros (some parsers read 010 as octal 8) and no hex';
  }
  return 'each IPv4 octet must be a decimal number from 0 to 255';
}

function parseIpv6(text: string): IpAddressParseResult {
  if (text.includes('%')) {
    return { ok: false, reason: 'IPv6 zone ids (the part after %) are not accepted; remove the zone id' };
  }
  if (!IPV6_CHARACTERS.test(text)) {
    return { ok: false, reason: 'an IPv6 address may contain only hex digits, colons and an embedded dotted quad' };
  }
  if (text.includes('.')) {
    const embedded = text.slice(text.lastIndexOf(':') + 1);
    if (!DOTTED_QUAD.test(embedded)) {
      return { ok: false, reason: `the embedded IPv4 part "${embedded}" is invalid: ${describeInvalidIpv4(embedded)}` };
    }
    // ipaddr.js would read the deprecated IPv4-compatible form as IPv4-mapped, a different address.
    if (text === `::${embedded}`) {
      return {
        ok: false,
        reason: `the IPv4-compatible form ::${embedded} is deprecated; write ${embedded} or ::ffff:${embedded}`,
      };
    }
  }
  if (!ipaddr.IPv6.isValid(text)) {
    return { ok: false, reason: 'not a valid IPv6 address (eight groups of up to four hex digits, at most one ::)' };
  }
  const value = ipaddr.IPv6.parse(text).parts.reduce((sum, group) => (sum << 16n) | BigInt(group), 0n);
  return { ok: true, address: toIpv4IfMapped(createIpAddress('ipv6', value)) };
}

/** Returns the IPv4 address for an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else the address itself. */
export function toIpv4IfMapped(address: IpAddress): IpAddress {
  if (address.family === 'ipv6' && (address.value & MAPPED_MASK) === MAPPED_PREFIX) {
    return createIpAddress('ipv4', address.value & MAX_ADDRESS_VALUE.ipv4);
  }
  return address;
}

/** First and last IPv6 value of the IPv4-mapped block `::ffff:0.0.0.0/96`. */
export const MAPPED_IPV4_BLOCK = { first: MAPPED_PREFIX, last: MAPPED_PREFIX | MAX_ADDRESS_VALUE.ipv4 } as const;

/** Splits a value into unsigned 32-bit words, most significant first (one for IPv4, four for IPv6). */
export function toWords(family: IpFamily, value: bigint): number[] {
  if (family === 'ipv4') return [Number(value)];
  return [96n, 64n, 32n, 0n].map((shift) => Number((value >> shift) & 0xffffffffn));
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}
