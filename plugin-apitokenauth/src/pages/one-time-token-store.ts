import { randomBytes } from 'node:crypto';
import type { Clock } from '@plughost/sdk';
import type { CreatedTokenJson } from '../tokens/token-json.js';

/** How long a created token waits in memory for the page that shows it, in milliseconds. */
export const oneTimeTokenLifetimeMs = 2 * 60 * 1000;

/** The maximum number of waiting tokens. The oldest is dropped first, so a burst of creates cannot grow memory without bound. */
const maxWaitingTokens = 1000;

interface WaitingToken {
  readonly viewer: string;
  readonly token: CreatedTokenJson;
  readonly expiresAt: number;
}

/**
 * Keeps a newly created raw token in plugin memory between the create POST and the page that
 * shows it (Post/Redirect/Get). The redirect URL carries only a random one-time id, so the raw
 * token never appears in a URL, a log or a stored record. An id works once, only for the user who
 * created the token, and only for `oneTimeTokenLifetimeMs`. Tokens are lost on a restart, which
 * only means the user creates the token again.
 */
export class OneTimeTokenStore {
  private readonly waiting = new Map<string, WaitingToken>();

  constructor(private readonly clock: Clock) {}

  /** Stores a created token for `viewer` (the user name of the creator) and returns its one-time id. */
  put(viewer: string, token: CreatedTokenJson): string {
    this.dropExpired();
    if (this.waiting.size >= maxWaitingTokens) {
      const oldest = this.waiting.keys().next().value;
      if (oldest !== undefined) this.waiting.delete(oldest);
    }
    const id = randomBytes(18).toString('base64url');
    this.waiting.set(id, { viewer, token, expiresAt: this.clock.now().getTime() + oneTimeTokenLifetimeMs });
    return id;
  }

  /**
   * Removes and returns the token stored under `id`, or `undefined` when the id is unknown,
   * already used, expired or belongs to another user. Another user's attempt leaves the entry in place.
   */
  take(viewer: string, id: string): CreatedTokenJson | undefined {
    const entry = this.waiting.get(id);
    if (!entry || entry.viewer !== viewer) return undefined;
    this.waiting.delete(id);
    return entry.expiresAt > this.clock.now().getTime() ? entry.token : undefined;
  }

  private dropExpired(): void {
    const now = this.clock.now().getTime();
    for (const [id, entry] of this.waiting) {
      if (entry.expiresAt <= now) this.waiting.delete(id);
    }
  }
}
