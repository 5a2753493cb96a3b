import { InvalidInputError, NotAllowedError, NotFoundError, type Clock, type User, type UserService } from '@plughost/sdk';
import type { PermissionChecker, UserTokenPermissions } from '../permissions/permission-checker.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { addValidity, validityChoices, type Validity } from '../settings/validity.js';
import { checkDescription } from './description.js';
import type { TokenAudit } from './token-audit.js';
import { digestToken } from './token-digest.js';
import { parseTokenFilter, type TokenFilterInput } from './token-filter.js';
import { generateToken } from './token-format.js';
import { toTokenJson, type CreatedTokenJson, type TokenJson } from './token-json.js';
import type { TokenRepository, TokenRow } from './token-repository.js';
import { checkValidityChoice } from './validity-input.js';

/** The input of a token creation, as REST and the page send it. */
export interface CreateTokenInput {
  readonly description: unknown;
  readonly validity: unknown;
  /** The owner when creating for someone else; the caller when missing. */
  readonly username?: unknown;
}

/** The body of `GET /user/options`. */
export interface TokenOptions extends UserTokenPermissions {
  readonly validityOptions: Validity[];
}

/** The body of `GET /user/tokensByFilter`: one page of matching tokens and the number of all matches. */
export interface TokenPage {
  readonly tokens: TokenJson[];
  readonly total: number;
  readonly start: number;
  readonly limit: number;
}

/**
 * Creating, listing and deleting tokens on behalf of a user, with the permission checks and
 * the audit records. REST resources and pages both go through here.
 */
export class TokenService {
  constructor(
    private readonly repository: TokenRepository,
    private readonly users: UserService,
    private readonly permissions: PermissionChecker,
    private readonly settings: SettingsStore,
    private readonly audit: TokenAudit,
    private readonly clock: Clock,
  ) {}

  async optionsFor(actor: User): Promise<TokenOptions> {
    const permissions = await this.permissions.of(actor.name);
    return { ...permissions, validityOptions: validityChoices(this.settings.getSettings().maxValidity) };
  }

  /** Lists the actor's own tokens, newest first. */
  async listOwn(actor: User): Promise<TokenJson[]> {
    const maxValidity = this.settings.getSettings().maxValidity;
    return (await this.repository.listByOwner(actor.name)).map((row) => toTokenJson(row, maxValidity));
  }

  /** Lists the tokens of any users that match the filter, for actors who may create tokens for others. */
  async listByFilter(actor: User, input: TokenFilterInput): Promise<TokenPage> {
    if (!(await this.permissions.has(actor.name, 'createTokensForOthers'))) {
      throw new NotAllowedError(`You (${actor.name}) are not allowed to list the API tokens of other users.`);
    }
    const filter = parseTokenFilter(input);
    const { rows, total } = await this.repository.findByFilter(filter);
    const maxValidity = this.settings.getSettings().maxValidity;
    return { tokens: rows.map((row) => toTokenJson(row, maxValidity)), total, start: filter.start, limit: filter.limit };
  }

  /** Creates a token; the result carries the raw token, which is never available again. */
  async create(actor: User, input: CreateTokenInput): Promise<CreatedTokenJson> {
    const owner = await this.resolveOwner(actor, input.username);
    const description = checkDescription(input.description);
    const maxValidity = this.settings.getSettings().maxValidity;
    const validity = checkValidityChoice(input.validity, maxValidity);

    const rawToken = generateToken();
    const now = this.clock.now();
    const row = await this.repository.insert({
      digest: digestToken(rawToken),
      username: owner,
      description,
      created_at: now.getTime(),
      expires_at: addValidity(now, validity)?.getTime() ?? null,
      created_by: actor.name,
      last_used_at: null,
      last_used_ip: null,
    });
    await this.audit.tokenCreated(row);
    return { ...toTokenJson(row, maxValidity), rawToken };
  }

  /** Deletes one token of the actor, or of anyone when the actor may create tokens for others. */
  async delete(actor: User, idInput: string): Promise<void> {
    const id = parseTokenId(idInput);
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundError(`Token ${id} was not found. It may have been deleted already.`);
    await this.ensureMayManage(actor, row.username, `delete token ${id}`);
    if (await this.repository.deleteById(id)) await this.audit.tokenDeleted(row);
  }

  /** Deletes every token of a user; returns how many were deleted. */
  async deleteAllOf(actor: User, usernameInput: unknown): Promise<number> {
    const username = await this.checkDeleteAllTarget(actor, usernameInput);
    const count = await this.repository.deleteByOwner(username);
    await this.audit.allTokensDeleted(username, count);
    return count;
  }

  /** Counts a user's tokens for the page's confirmation step, with the same checks as deleting them all. */
  async countManageable(actor: User, usernameInput: unknown): Promise<{ username: string; count: number }> {
    const username = await this.checkDeleteAllTarget(actor, usernameInput);
    return { username, count: await this.repository.countByOwner(username) };
  }

  /** Deletes a removed user's tokens, without an actor or permission check. */
  async deleteForRemovedUser(username: string): Promise<number> {
    return this.repository.deleteByOwner(username);
  }

  /**
   * Deletes the tokens of owners who no longer exist, for users deleted while the plugin was
   * disabled. Tokens match their owner by name, so without this a new user with the same name
   * would inherit them. Returns the number of tokens deleted.
   */
  async deleteForMissingUsers(): Promise<number> {
    let deleted = 0;
    for (const owner of await this.repository.listOwners()) {
      if (!(await this.users.getUser(owner))) deleted += await this.repository.deleteByOwner(owner);
    }
    return deleted;
  }

  /** Finds a token for the page's confirmation step, with the same checks as deleting it. */
  async findManageable(actor: User, idInput: string): Promise<TokenJson> {
    const id = parseTokenId(idInput);
    const row: TokenRow | undefined = await this.repository.findById(id);
    if (!row) throw new NotFoundError(`Token ${id} was not found. It may have been deleted already.`);
    await this.ensureMayManage(actor, row.username, `delete token ${id}`);
    return toTokenJson(row, this.settings.getSettings().maxValidity);
  }

  /** Returns the lower-case name of the user whose tokens are to be deleted, once the actor may do so. */
  private async checkDeleteAllTarget(actor: User, usernameInput: unknown): Promise<string> {
    if (typeof usernameInput !== 'string' || usernameInput.trim() === '') {
      throw new InvalidInputError('username is missing', { username: 'Name the user whose tokens to delete: ?username=<name>.' });
    }
    const username = usernameInput.trim().toLowerCase();
    if (username !== actor.name && !(await this.users.getUser(username))) {
      throw new NotFoundError(`User "${username.slice(0, 255)}" was not found.`);
    }
    await this.ensureMayManage(actor, username, `delete the tokens of ${username}`);
    return username;
  }

  private async resolveOwner(actor: User, usernameInput: unknown): Promise<string> {
    if (usernameInput !== undefined && usernameInput !== null && usernameInput !== '' && typeof usernameInput !== 'string') {
      throw new InvalidInputError('username must be a string', { username: 'The username must be text.' });
    }
    const requested = typeof usernameInput === 'string' ? usernameInput.trim().toLowerCase() : '';
    if (requested === '' || requested === actor.name) {
      if (!(await this.permissions.has(actor.name, 'createOwnTokens'))) {
        throw new NotAllowedError(`You (${actor.name}) are not allowed to create API tokens. Ask an administrator for the permission.`);
      }
      return actor.name;
    }
    if (!(await this.permissions.has(actor.name, 'createTokensForOthers'))) {
      throw new NotAllowedError(`You (${actor.name}) are not allowed to create API tokens for other users such as ${requested.slice(0, 255)}.`);
    }
    const owner = await this.users.getUser(requested);
    if (!owner) throw new NotFoundError(`User "${requested.slice(0, 255)}" was not found. Check the username.`);
    if ((await this.users.isAdmin(owner.name)) && !(await this.users.isAdmin(actor.name))) {
      throw new NotAllowedError(`Only administrators may create API tokens for the administrator ${owner.name}.`);
    }
    return owner.name;
  }

  /** Owners manage their own tokens; others need create-for-others, and an admin's tokens need an admin. */
  private async ensureMayManage(actor: User, owner: string, what: string): Promise<void> {
    if (owner === actor.name) return;
    if (!(await this.permissions.has(actor.name, 'createTokensForOthers'))) {
      throw new NotAllowedError(`You (${actor.name}) are not allowed to ${what}: it belongs to another user.`);
    }
    if ((await this.users.isAdmin(owner)) && !(await this.users.isAdmin(actor.name))) {
      throw new NotAllowedError(`Only administrators may ${what}, because ${owner} is an administrator.`);
    }
  }
}

function parseTokenId(value: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) {
    throw new InvalidInputError(`token id "${value.slice(0, 40)}" is invalid`, { id: 'A token id is a positive whole number, as listed by GET /user/tokens.' });
  }
  return Number(value);
}
