import { createHash } from 'node:crypto';

/**
 * Computes the stored form of a raw token: its SHA-256 digest in lower-case hex.
 *
 * Security note: a plain, unsalted SHA-256 is enough here, unlike for passwords. A token contains
 * 256 bits from `crypto.randomBytes`, so there is no dictionary to try and no benefit in
 * a salt or a slow hash: even with the digest table in hand, finding a token means a 2^256
 * search. A fast, deterministic digest is also what makes the lookup a single probe of a unique
 * index, whose cost grows only with the logarithm of the number of tokens.
 */
export function digestToken(rawToken: string): string {
  return createHash('sha256').update(rawToken, 'utf8').digest('hex');
}
