import type { AuthenticationOutcome, Logger, PluginRequest, RequestCredentials } from '@plughost/sdk';
import type { HostSettings } from '../security/host-settings.js';
import type { LoginCounters } from '../users/login-counters.js';
import { hashForUnknownUsers, verifyPassword } from '../users/password-hasher.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { FinalAuthenticator } from './authenticator-chain.js';

export const authenticationFailedMessage = 'Authentication failed. Check the user name and the password or API token.';
export const captchaDeniedMessage =
  'Too many failed logins: log in through the login page and answer the CAPTCHA challenge, or ask an administrator to reset the failed login count.';

type FinalOutcome = Exclude<AuthenticationOutcome, { kind: 'pass' }>;

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
    const result = await this.checkPassword(credentials.username, credentials.secret);
    if (result.kind === 'authenticated') {
      this.securityLog.info(`User ${result.username} passed password authentication`);
    } else {
      this.securityLog.info(`User ${credentials.username.slice(0, 255)} failed password authentication: ${result.reason}`);
    }
    return result;
  }

  /** The password check shared by Basic auth and the login form. */
  async checkPassword(usernameInput: string, password: string): Promise<FinalOutcome> {
    const row = await this.users.findRow(usernameInput);
    if (!row) {
      // Hash anyway, so an unknown user name costs as much time as a wrong password.
      await verifyPassword(password, await hashForUnknownUsers());
      return failed('unknown user');
    }
    const maximum = this.settings.get('maxAuthenticationAttempts');
    if (maximum > 0 && row.failed_login_current >= maximum) {
      await this.counters.recordFailure(row.name);
      return {
        kind: 'denied',
        status: 403,
        message: captchaDeniedMessage,
        reason: `CAPTCHA_CHALLENGE: ${row.failed_login_current} failed logins, maximum ${maximum}`,
      };
    }
    const matches = await verifyPassword(password, row.password_hash);
    if (!matches) {
      await this.counters.recordFailure(row.name);
      return failed('wrong password');
    }
    if (row.active !== 1) return failed('user is deactivated');
    await this.counters.recordSuccess(row.name);
    return { kind: 'authenticated', username: row.name };
  }
}

function failed(reason: string): FinalOutcome {
  return { kind: 'denied', status: 401, message: authenticationFailedMessage, reason };
}
