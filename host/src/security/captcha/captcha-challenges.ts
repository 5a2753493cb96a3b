import { randomBytes, timingSafeEqual } from 'node:crypto';
import { randomCaptchaText, renderCaptchaImage } from './captcha-image.js';

/** How long a challenge can be answered. */
export const captchaLifetimeMs = 5 * 60 * 1000;
/** Challenges kept at most; the oldest go first, so a flood of login pages cannot fill the memory. */
const maxChallenges = 10_000;

interface StoredChallenge {
  readonly answer: string;
  /** The browser's XSRF token: only the browser that was shown the image can answer it. */
  readonly binding: string;
  readonly expiresAt: number;
}

/** A challenge to show: its id goes into the form, the image into an `<img>`. */
export interface CaptchaChallenge {
  readonly id: string;
  readonly image: string;
}

/**
 * Image challenges for password logins after too many failures. Answers live only in this
 * process's memory: each is single use, expires after five minutes, and is bound to one browser.
 */
export class CaptchaChallenges {
  private readonly challenges = new Map<string, StoredChallenge>();

  constructor(private readonly now: () => Date) {}

  /** Creates a challenge for the browser identified by `binding`. */
  create(binding: string): CaptchaChallenge {
    this.evict();
    const id = randomBytes(16).toString('base64url');
    const answer = randomCaptchaText();
    this.challenges.set(id, { answer, binding, expiresAt: this.now().getTime() + captchaLifetimeMs });
    return { id, image: renderCaptchaImage(answer) };
  }

  /**
   * Checks an answer, ignoring case and spaces. The challenge is removed by the first attempt,
   * right or wrong, so it cannot be guessed at repeatedly.
   */
  verify(id: string, binding: string, answer: string): boolean {
    const stored = this.challenges.get(id);
    if (!stored) return false;
    this.challenges.delete(id);
    if (stored.expiresAt <= this.now().getTime()) return false;
    if (!equalText(stored.binding, binding)) return false;
    return equalText(stored.answer, answer.replace(/\s+/g, '').toUpperCase());
  }

  /** Returns the expected answer without using up the challenge, for the test-only route that `--test-clock` mounts. */
  peekAnswer(id: string): string | undefined {
    return this.challenges.get(id)?.answer;
  }

  private evict(): void {
    const time = this.now().getTime();
    for (const [id, challenge] of this.challenges) {
      if (challenge.expiresAt <= time) this.challenges.delete(id);
    }
    while (this.challenges.size >= maxChallenges) {
      const oldest = this.challenges.keys().next().value as string;
      this.challenges.delete(oldest);
    }
  }
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
