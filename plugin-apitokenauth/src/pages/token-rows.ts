import type { TokenJson } from '../tokens/token-json.js';

/** Converts a token to the values a page table shows, with times in words. */
export function toRow(token: TokenJson) {
  return {
    id: token.id,
    description: token.description,
    created: formatTime(token.createdAt),
    expires: token.expiresAt === null ? 'Never' : formatTime(token.expiresAt),
    lastUsed: token.lastUsedAt === null ? 'Never' : formatTime(token.lastUsedAt),
    lastUsedIp: token.lastUsedIp,
  };
}

/** Formats an ISO 8601 time as `2026-12-04 07:25 UTC`. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
