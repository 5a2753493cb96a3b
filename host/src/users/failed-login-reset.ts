import { NotFoundError } from '@plughost/sdk';
import type { LoginCounters } from './login-counters.js';
import type { DirectoryEvents } from './user-events.js';

/**
 * The admin action "Reset failed login count": sets a user's current failed-login count to 0
 * and publishes `user.failedLoginReset` through the directory events, so listeners such as the
 * audit log see it like any other user change.
 */
export class FailedLoginReset {
  constructor(
    private readonly counters: LoginCounters,
    private readonly events: DirectoryEvents,
  ) {}

  /** Resets the count and returns the count it had. Throws NotFoundError for an unknown user. */
  async reset(username: string): Promise<number> {
    const name = username.toLowerCase();
    const from = await this.counters.reset(name);
    if (from === undefined) throw new NotFoundError(`The user with the username '${username.slice(0, 255)}' does not exist.`);
    await this.events.publish({ type: 'user.failedLoginReset', username: name, from });
    return from;
  }
}
