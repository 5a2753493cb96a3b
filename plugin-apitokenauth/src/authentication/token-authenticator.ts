import type { AuthenticationOutcome, AuthenticatorModule, Logger, PluginRequest, RequestCredentials } from '@plughost/sdk';
import type { SettingsStore } from '../settings/settings-store.js';
import type { LastUseRecorder } from './last-use-recorder.js';
import { loggableName } from './log-names.js';
import type { TokenChecker } from './token-check.js';

/** Runs before the host's password check, which is always last in the chain. */
export const tokenAuthenticatorWeight = 10;

const passOn: AuthenticationOutcome = { kind: 'pass' };
const refusedMessage = 'Authentication failed. Check the user name and the API token.';

/**
 * Authenticates REST requests whose Basic password or Bearer value is an API token. Credentials
 * that are not a valid token go on to the host's password authenticator, which counts a failed
 * login when they are no password either; with passwords disabled they are refused here.
 *
 * The client gets one generic answer. The INFO lines name the user and the endpoint only,
 * and the reason for a failure goes to DEBUG; no line contains the token or any part of it.
 */
export class TokenAuthenticator implements AuthenticatorModule {
  readonly name = 'apitokenauth';
  readonly weight = tokenAuthenticatorWeight;

  constructor(
    private readonly checker: TokenChecker,
    private readonly settings: SettingsStore,
    private readonly lastUse: LastUseRecorder,
    private readonly log: Logger,
  ) {}

  async authenticate(request: PluginRequest, credentials: RequestCredentials): Promise<AuthenticationOutcome> {
    if (!request.path.startsWith('/rest/')) return passOn;
    const claimedUser = credentials.scheme === 'basic' ? credentials.username : undefined;
    const result = await this.checker.check(credentials.secret, claimedUser);

    if (result.valid) {
      this.log.info(
        `Found a matching token for authenticating user ${result.user.name}, created on ${result.token.created_at}. REST endpoint: ${request.path}`,
      );
      // NOTE: this is the connecting peer; behind a reverse proxy it is the proxy's address.
      this.lastUse.record(result.token, request.remoteAddress);
      return { kind: 'authenticated', username: result.user.name };
    }

    const name = loggableName(claimedUser ?? result.token?.username ?? 'anonymous');
    if (this.log.isEnabled('DEBUG')) this.log.debug(`Token authentication of user ${name} failed: ${result.reason}`);

    if (this.settings.getSettings().passwordBasicAuthDisabled) {
      this.log.info(
        `User ${name} tried to authenticate with an invalid token or a regular password. The request was refused because password authentication is disabled for REST. REST endpoint: ${request.path}`,
      );
      return { kind: 'denied', status: 403, message: `${refusedMessage} Password authentication is disabled for REST; use an API token.`, reason: `token rejected and passwords disabled: ${result.reason}`, failedLoginFor: claimedUser ?? result.token?.username };
    }

    this.log.info(
      `User ${name} tried to authenticate with an invalid token or a regular password. Passing the request further to the default authenticator. REST endpoint: ${request.path}`,
    );
    // A Bearer value is never a password, so a known token's owner gets the failed login here.
    if (credentials.scheme === 'bearer' && result.token) {
      return { kind: 'denied', status: 401, message: refusedMessage, reason: `token rejected: ${result.reason}`, failedLoginFor: result.token.username };
    }
    return passOn;
  }
}
