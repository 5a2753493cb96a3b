import type { Clock, Logger } from '@plughost/sdk';
import type { TokenRepository, TokenRow } from '../tokens/token-repository.js';

/** Minimum time between two writes of a token's last use, in milliseconds. */
export const lastUseInterval = 60_000;

/**
 * Records when and from where a token was last used. The write is started but not awaited, so
 * it never delays the response, and it is skipped when the stored last use is less than a
 * minute old, so a busy script costs one write per minute and token.
 */
export class LastUseRecorder {
  constructor(
    private readonly repository: TokenRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  record(token: TokenRow, address: string): void {
    const now = this.clock.now().getTime();
    const notSince = now - lastUseInterval;
    if (token.last_used_at !== null && token.last_used_at > notSince) return;
    this.repository.recordUse(token.id, now, address, notSince).catch((error: unknown) => {
      this.log.warn(`Recording the last use of token ${token.id} of user ${token.username} failed`, error);
    });
  }
}
