import type { Clock, User, UserService } from '@plughost/sdk';
import type { PermissionChecker } from '../permissions/permission-checker.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { digestToken } from '../tokens/token-digest.js';
import { isWellFormedToken } from '../tokens/token-format.js';
import { effectiveExpiryOf } from '../tokens/token-json.js';
import type { TokenRepository, TokenRow } from '../tokens/token-repository.js';

/** The result of checking a presented secret as a token; `reason` is for the DEBUG log only. */
export type TokenCheck =
  | { readonly valid: true; readonly token: TokenRow; readonly user: User }
  | { readonly valid: false; readonly reason: string; readonly token?: TokenRow };

/**
 * Checks a secret as an API token, cheapest test first: shape and checksum, then one indexed
 * lookup by digest, then owner, user state, permission and expiry. Nothing is cached, so a
 * deleted token, a deleted or deactivated user, or a withdrawn permission applies to the very
 * next request.
 */
export class TokenChecker {
  constructor(
    private readonly repository: TokenRepository,
    private readonly users: UserService,
    private readonly permissions: PermissionChecker,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
  ) {}

  /** Checks `secret`; `claimedUser` is the Basic user name, or undefined for Bearer. */
  async check(secret: string, claimedUser: string | undefined): Promise<TokenCheck> {
    if (!isWellFormedToken(secret)) {
      return { valid: false, reason: 'the secret is not a well-formed API token (prefix, length or checksum do not match)' };
    }
    // Security: an unsalted SHA-256 is safe here, unlike for passwords, because a token carries
    // 256 random bits; there is nothing to guess from a leaked digest (see digestToken).
    const token = await this.repository.findByDigest(digestToken(secret));
    if (!token) return { valid: false, reason: 'no stored token matches (unknown or deleted token)' };

    if (claimedUser !== undefined && claimedUser.toLowerCase() !== token.username) {
      return { valid: false, reason: `token ${token.id} belongs to another user, not to the Basic user`, token };
    }
    const user = await this.users.getUser(token.username);
    if (!user) return { valid: false, reason: `the owner of token ${token.id} no longer exists`, token };
    if (!user.active) return { valid: false, reason: `the owner of token ${token.id} is deactivated`, token };
    if (!(await this.permissions.has(user.name, 'useTokens'))) {
      return { valid: false, reason: `user ${user.name} is not allowed to use tokens`, token };
    }
    const expiry = effectiveExpiryOf(token, this.settings.getSettings().maxValidity);
    if (expiry !== null && this.clock.now().getTime() >= expiry.getTime()) {
      return { valid: false, reason: `token ${token.id} expired at ${expiry.toISOString()}`, token };
    }
    return { valid: true, token, user };
  }
}
