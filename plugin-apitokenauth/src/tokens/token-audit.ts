import type { AuditService } from '@plughost/sdk';
import type { TokenRow } from './token-repository.js';

/** The audit category of every record this plugin writes. */
export const auditCategory = 'API Token Authentication';

/**
 * Writes the plugin's token audit records. The host sets the author to the user making the
 * request, so a token an administrator creates for someone else shows both names: the
 * administrator as author and the owner as affected user.
 */
export class TokenAudit {
  constructor(private readonly audit: AuditService) {}

  async tokenCreated(token: TokenRow): Promise<void> {
    await this.audit.record({
      category: auditCategory,
      action: 'API token created',
      affectedObjects: [userObject(token.username), tokenObject(token)],
      attributes: { tokenId: String(token.id), description: token.description, expiresAt: expiryText(token) },
    });
  }

  async tokenDeleted(token: TokenRow): Promise<void> {
    await this.audit.record({
      category: auditCategory,
      action: 'API token deleted',
      affectedObjects: [userObject(token.username), tokenObject(token)],
      attributes: { tokenId: String(token.id), description: token.description },
    });
  }

  async allTokensDeleted(username: string, count: number): Promise<void> {
    await this.audit.record({
      category: auditCategory,
      action: 'All API tokens of a user deleted',
      affectedObjects: [userObject(username)],
      attributes: { count: String(count) },
    });
  }
}

function userObject(username: string) {
  return { type: 'USER', name: username };
}

function tokenObject(token: TokenRow) {
  return { type: 'API_TOKEN', name: token.description, id: String(token.id) };
}

function expiryText(token: TokenRow): string {
  return token.expires_at === null ? 'never' : new Date(token.expires_at).toISOString();
}
