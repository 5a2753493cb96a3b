import type { AuthenticationOutcome, Logger, PluginRequest, RequestCredentials } from '@plughost/sdk';
import type { HostSettings } from '../security/host-settings.js';
import type { LoginCounters } from '../users/login-counters.js';
import { hashForUnknownUsers, verifyPassword } from '../users/password-hasher.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { FinalAuthenticator } from './authenticator-chain.js';

export const authenticationFailedMessage = 'Authentication failed. Check the user name and the password or API token.';
export const captchaDeniedMessage =
  'Too many failed logins: log in through the login page and answer the CAPTCHA challenge, or ask an administrator to reset the failed login count.';
/** The start of the denial reason when the maximum of failed logins is reached. */
export const captchaReasonPrefix = 'CAPTCHA_CHALLENGE';

type FinalOutcome = Exclude<AuthenticationOutcome, { kind: 'pass' }>;

/** A password check's outcome, and whether the user's next password login needs a CAPTCHA answer. */
export type PasswordCheckOutcome = FinalOutcome & { readonly challengeRequired: boolean };

export interface PasswordCheckOptions {
  /**
   * Source of the password for the security log: `an Authorization header`, `the login form`,
   * `the WebSudo prompt`. Never the word Basic followed by a word, because log redaction masks that.
   */
  readonly channel: string;
  /** The browser answered a CAPTCHA challenge correctly, so the maximum of failed logins does not apply. */
  readonly challengePassed?: boolean;
}

/** Checks whether an outcome is the denial for a user who reached the maximum of failed logins. */
export function isCaptchaDenial(outcome: FinalOutcome): boolean {
  return outcome.kind === 'denied' && outcome.reason.startsWith(captchaReasonPrefix);
}

/** Makes a typed user name safe for one log line: control characters replaced, at most 255 characters. */
export function loggableName(input: string): string {
  return input.slice(0, 255).replace(/[\u0000-\u001f\u007f]/g, '?');
}

/** Checks Basic user name and password against the stored scrypt hash, counting failures. */
export class PasswordAuthenticator implements FinalAuthenticator {
  readonly name = 'basic';

  constructor(
    private readonly users: UserDirectory,
    private readonly counters: LoginCounters,
    private readonly settings: HostSettings,
    private readonly securityLog: Logger,
  ) {}

  async authenticate(_request: PluginRequest, credentials: RequestCredentials): Promise<FinalOutcome> {
    if (credentials.scheme !== 'basic') {
      this.securityLog.info('Bearer credentials matched no authenticator');
      return failed('no authenticator accepted the Bearer credentials');
    }
    const { challengeRequired: _, ...outcome } = await this.checkPassword(credentials.username, credentials.secret, { channel: 'an Authorization header' });
    return outcome;
  }

  /**
   * Checks a password for Basic auth, the login form and WebSudo. Writes one security log line
   * per attempt (failed, denied or passed), never with the password.
   */
  async checkPassword(usernameInput: string, password: string, options: PasswordCheckOptions): Promise<PasswordCheckOutcome> {
    const { channel } = options;
    const row = await this.users.findRow(usernameInput);
    if (!row) {
      // Hash anyway, so an unknown user name costs as much time as a wrong password.
      await verifyPassword(password, await hashForUnknownUsers());
      this.securityLog.info(`Password authentication failed for the unknown user ${loggableName(usernameInput)} through ${channel}`);
      return { ...failed('unknown user'), challengeRequired: false };
    }

    const maximum = this.settings.get('maxAuthenticationAttempts');
    if (maximum > 0 && row.failed_login_current >= maximum && !options.challengePassed) {
      // No password check here: a client that cannot answer the challenge learns nothing about the password.
      const current = await this.counters.recordFailure(row.name);
      this.securityLog.info(
        `Password authentication denied for user ${row.name} through ${channel}: ${current} failed logins, maximum ${maximum}, a CAPTCHA answer is required`,
      );
      return {
        kind: 'denied',
        status: 403,
        message: captchaDeniedMessage,
        reason: `${captchaReasonPrefix}: ${row.failed_login_current} failed logins, maximum ${maximum}`,
        challengeRequired: true,
      };
    }

    const matches = await verifyPassword(password, row.password_hash);
    if (!matches) {
      const current = (await this.counters.recordFailure(row.name)) ?? 0;
      this.securityLog.info(`Password authentication failed for user ${row.name} through ${channel}: wrong password, ${current} failed logins`);
      return { ...failed('wrong password'), challengeRequired: maximum > 0 && current >= maximum };
    }
    if (row.active !== 1) {
      this.securityLog.info(`Password authentication failed for user ${row.name} through ${channel}: the user is deactivated`);
      return { ...failed('user is deactivated'), challengeRequired: false };
    }
    await this.counters.recordSuccess(row.name);
    this.securityLog.info(`Password authentication passed for user ${row.name} through ${channel}`);
    return { kind: 'authenticated', username: row.name, challengeRequired: false };
  }
}

function failed(reason: string): FinalOutcome {
  return { kind: 'denied', status: 401, message: authenticationFailedMessage, reason };
}
