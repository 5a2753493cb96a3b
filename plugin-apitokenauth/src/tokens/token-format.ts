import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { base62Width, encodeBase62, encodeBytesBase62 } from './base62.js';

/**
 * The fixed prefix of every API token. Secret scanners and the host's log redaction look for
 * `pha_` followed by base62 characters, so changing it means changing the redaction pattern too.
 */
export const tokenPrefix = 'pha_';

/** Random bytes per token: 256 bits from the operating system's CSPRNG. */
export const randomByteCount = 32;

/** Length of the base62 random part: 43 characters hold any 256-bit value. */
export const randomPartLength = base62Width(randomByteCount * 8);

/** Length of the base62 CRC32 checksum: 6 characters hold any 32-bit value. */
export const checksumLength = base62Width(32);

/** Total length of a token, prefix included (53 characters). */
export const tokenLength = tokenPrefix.length + randomPartLength + checksumLength;

const tokenShape = new RegExp(`^${tokenPrefix}[0-9A-Za-z]{${randomPartLength + checksumLength}}$`);

/**
 * Creates a new raw token: the prefix, 256 random bits in base62, and the base62 CRC32 of the
 * random part, in the scheme of GitHub's token formats.
 *
 * @example
 * ```ts
 * const token = generateToken(); // 'pha_' + 43 random + 6 checksum characters
 * ```
 */
export function generateToken(): string {
  const randomPart = encodeBytesBase62(randomBytes(randomByteCount), randomPartLength);
  return `${tokenPrefix}${randomPart}${checksumOf(randomPart)}`;
}

/**
 * Checks whether a value has the token's shape and a matching checksum. A mistyped or truncated token,
 * or a password, fails here and never costs a database lookup.
 */
export function isWellFormedToken(value: string): boolean {
  if (value.length !== tokenLength || !tokenShape.test(value)) return false;
  const randomPart = value.slice(tokenPrefix.length, tokenPrefix.length + randomPartLength);
  return value.slice(-checksumLength) === checksumOf(randomPart);
}

function checksumOf(randomPart: string): string {
  return encodeBase62(BigInt(crc32(randomPart)), checksumLength);
}
