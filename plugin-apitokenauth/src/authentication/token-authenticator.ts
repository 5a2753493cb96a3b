import type { AuthenticationOutcome, AuthenticatorModule, Logger, PluginRequest, RequestCredentials } from '@plughost/sdk';
import type { ClientAddressCheck, ClientAddressPolicy } from '../client-address/client-address-policy.js';
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
 * login when they are no password either. With passwords disabled they are rejected here.
 *
 * The client gets one generic answer. The INFO lines name the user and the endpoint only,
 * and the reason for a failure goes to DEBUG; no line contains the token or any part of it.
 *
 * Before any token or password is checked, the client address is resolved (reverse proxy
 * aware) and checked against the IP restrictions. A refused address gets 403, which also
 * keeps password Basic auth from it because this authenticator runs before the host's. TRACE
 * lines explain how the address was resolved and why it was allowed or refused.
 */
export class TokenAuthenticator implements AuthenticatorModule {
  readonly name = 'apitokenauth';
  readonly weight = tokenAuthenticatorWeight;

  constructor(
    private readonly checker: TokenChecker,
    private readonly settings: SettingsStore,
    private readonly lastUse: LastUseRecorder,
    private readonly log: Logger,
    private readonly addressPolicy: () => ClientAddressPolicy,
  ) {}

  async authenticate(request: PluginRequest, credentials: RequestCredentials): Promise<AuthenticationOutcome> {
    if (!request.path.startsWith('/rest/')) return passOn;
    const claimedUser = credentials.scheme === 'basic' ? credentials.username : undefined;

    const addressCheck = this.addressPolicy().check({ peerAddress: request.remoteAddress, headers: request.headers });
    this.traceAddressCheck(request, addressCheck);
    if (!addressCheck.allowed) return this.denyClientAddress(request, addressCheck, claimedUser);
    const clientAddress = addressCheck.resolution.address?.text ?? request.remoteAddress;
    const result = await this.checker.check(credentials.secret, claimedUser);

    if (result.valid) {
      this.log.info(
        `Found a matching token for authenticating user ${result.user.name}, created on ${result.token.created_at}. REST endpoint: ${request.path}`,
      );
      this.lastUse.record(result.token, clientAddress);
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

  private traceAddressCheck(request: PluginRequest, check: ClientAddressCheck): void {
    if (!this.log.isEnabled('TRACE')) return;
    for (const step of check.resolution.steps) {
      this.log.trace(`Client address of request ${request.requestId} (peer ${request.remoteAddress}): ${step}. REST endpoint: ${request.path}`);
    }
  }

  private denyClientAddress(request: PluginRequest, check: ClientAddressCheck, claimedUser: string | undefined): AuthenticationOutcome {
    const address = check.resolution.address?.text;
    const name = loggableName(claimedUser ?? 'anonymous');
    this.log.info(`REST request of user ${name} refused: ${check.deniedReason ?? 'client address not allowed'}. REST endpoint: ${request.path}`);
    const message = address
      ? `Requests with credentials from the client address ${address} are not allowed by the API token IP restrictions.`
      : 'The client address of this request could not be determined, so requests with credentials are refused.';
    return { kind: 'denied', status: 403, message, reason: `IP restriction: ${check.deniedReason ?? 'client address not allowed'}` };
  }
}
