/** The base62 alphabet: digits, then upper-case, then lower-case letters. */
export const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const base = 62n;

/**
 * Encodes a non-negative integer in base62, left-padded with `0` to `width` characters.
 * Throws a `RangeError` when the value needs more than `width` characters.
 */
export function encodeBase62(value: bigint, width: number): string {
  if (value < 0n) throw new RangeError('base62 encodes non-negative integers only');
  let rest = value;
  let digits = '';
  while (rest > 0n) {
    digits = base62Alphabet[Number(rest % base)] + digits;
    rest /= base;
  }
  if (digits.length > width) throw new RangeError(`the value needs ${digits.length} base62 digits, more than ${width}`);
  return digits.padStart(width, '0');
}

/** Encodes bytes, read as one big-endian unsigned integer, in base62 of the given width. */
export function encodeBytesBase62(bytes: Uint8Array, width: number): string {
  const hex = Buffer.from(bytes).toString('hex');
  return encodeBase62(hex.length === 0 ? 0n : BigInt(`0x${hex}`), width);
}

/** Returns the number of base62 digits needed for any value of `bits` bits. */
export function base62Width(bits: number): number {
  return Math.ceil(bits / Math.log2(62));
}
