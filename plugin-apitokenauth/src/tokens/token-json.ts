import { effectiveExpiry, type Validity } from '../settings/validity.js';
import type { TokenRow } from './token-repository.js';

/** A token in its REST representation. Times are ISO 8601 in UTC. */
export interface TokenJson {
  readonly id: number;
  readonly username: string;
  readonly description: string;
  readonly createdAt: string;
  /** The effective expiry: the earlier of the token's own and its creation plus the current maximum. */
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly lastUsedIp: string | null;
  readonly createdBy: string;
}

/** A newly created token, the only representation that carries the raw value. */
export interface CreatedTokenJson extends TokenJson {
  readonly rawToken: string;
}

/** Converts a stored token to its REST representation under the current maximum validity. */
export function toTokenJson(row: TokenRow, maxValidity: Validity): TokenJson {
  const expiry = effectiveExpiryOf(row, maxValidity);
  return {
    id: row.id,
    username: row.username,
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: expiry === null ? null : expiry.toISOString(),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
    lastUsedIp: row.last_used_ip,
    createdBy: row.created_by,
  };
}

/** Returns the instant a stored token stops working, or `null` when it never expires. */
export function effectiveExpiryOf(row: TokenRow, maxValidity: Validity): Date | null {
  return effectiveExpiry(new Date(row.created_at), row.expires_at === null ? null : new Date(row.expires_at), maxValidity);
}
