import type { SessionRow, SessionStore } from '../../auth/session-store.js';
import type { HostSettings } from '../host-settings.js';

/**
 * WebSudo grants on sessions. A grant is the time until which the session may use admin pages
 * and admin REST without re-entering the password, stored as `websudo_until` on the session row.
 * Every admin request moves it to now plus the timeout, so the grant ends only after the
 * timeout passes without an admin request.
 */
export class WebSudoGrants {
  constructor(
    private readonly sessions: SessionStore,
    private readonly settings: HostSettings,
    private readonly now: () => Date,
  ) {}

  /** Checks whether WebSudo is turned on in the host settings. */
  isEnabled(): boolean {
    return this.settings.get('webSudoEnabled');
  }

  isActive(session: SessionRow): boolean {
    return session.websudo_until !== null && session.websudo_until > this.now().getTime();
  }

  /** Starts a grant, or moves an active one forward, to now plus the configured timeout. */
  async extend(session: SessionRow): Promise<void> {
    const until = this.now().getTime() + this.settings.get('webSudoTimeoutMinutes') * 60 * 1000;
    await this.sessions.setWebSudoUntil(session.id_digest, until);
  }

  /** Ends the grant ("Drop access"). */
  async drop(session: SessionRow): Promise<void> {
    await this.sessions.setWebSudoUntil(session.id_digest, null);
  }
}
