import { randomBytes } from 'node:crypto';

/** How long an outcome waits for the page view after the redirect. */
const outcomeLifetimeMs = 5 * 60 * 1000;
const maxWaitingOutcomes = 100;

/**
 * Outcome messages of page actions, kept between a POST and the page view it redirects to.
 * The redirect carries only a random id, so a crafted link cannot make the page show a message
 * the host never wrote. Each id works once, for the user who acted.
 */
export class ActionOutcomes {
  private readonly waiting = new Map<string, { text: string; username: string; expiresAt: number }>();

  /** Stores a message and returns the id for the redirect URL. */
  put(username: string, text: string): string {
    if (this.waiting.size >= maxWaitingOutcomes) {
      const oldest = this.waiting.keys().next().value;
      if (oldest !== undefined) this.waiting.delete(oldest);
    }
    const id = randomBytes(12).toString('base64url');
    this.waiting.set(id, { text, username, expiresAt: Date.now() + outcomeLifetimeMs });
    return id;
  }

  /** Returns the message once, when the id is known, unexpired and belongs to this user. */
  take(username: string, id: unknown): string | undefined {
    if (typeof id !== 'string') return undefined;
    const outcome = this.waiting.get(id);
    if (!outcome || outcome.username !== username) return undefined;
    this.waiting.delete(id);
    return outcome.expiresAt > Date.now() ? outcome.text : undefined;
  }
}
