import { InvalidInputError, NotAllowedError, NotFoundError, type PageRequest, type PageResult, type User } from '@plughost/sdk';
import { validityLabel } from '../settings/validity.js';
import type { TokenFilterInput } from '../tokens/token-filter.js';
import type { CreatedTokenJson, TokenJson } from '../tokens/token-json.js';
import type { TokenOptions, TokenPage, TokenService } from '../tokens/token-service.js';
import { tokenManagerTemplate } from './token-manager-template.js';
import { toRow } from './token-rows.js';

/** The `tab` query value of the Token Manager on the tokens page. */
export const tokenManagerTab = 'manager';

const pageTitle = 'Token Manager';
const pagePath = '/plugins/servlet/apitokenauth/tokens';

/** The outcome of a POST, shown above the list. */
interface ManagerState {
  success?: string;
  error?: string;
  fieldErrors?: Readonly<Record<string, string>>;
  newToken?: CreatedTokenJson;
  confirm?: { question: string; action: string; id?: string; owner?: string };
  form?: { owner: string; description: string; validity: string };
  status?: number;
}

/**
 * Handles the "Token Manager" tab of the tokens page, for users who may create tokens for
 * others: it lists tokens of any users by filter, creates a token for a user and shows it
 * once, and deletes one token or all tokens of a user after a confirmation step. The audit
 * records name the acting user as author and the owner as affected user.
 */
export async function handleTokenManager(tokens: TokenService, user: User, request: PageRequest): Promise<PageResult> {
  const options = await tokens.optionsFor(user);
  if (!options.canCreateTokensForOthers) {
    throw new NotAllowedError(`You (${user.name}) are not allowed to manage the API tokens of other users. Ask an administrator for the permission.`);
  }
  // A POST carries the filter in hidden fields, a GET in the query string.
  const source = request.method === 'POST' ? (name: string) => field(request, name) : (name: string) => request.query[name];
  const filter: TokenFilterInput = { usernames: source('usernames'), text: source('text'), start: source('start'), limit: source('limit') };
  const state = request.method === 'POST' ? await handlePost(tokens, user, request) : {};
  return render(tokens, user, options, filter, state);
}

async function handlePost(tokens: TokenService, user: User, request: PageRequest): Promise<ManagerState> {
  const action = field(request, 'action');
  const id = field(request, 'id');
  const owner = field(request, 'owner');
  try {
    switch (action) {
      case 'create':
        return await createForOwner(tokens, user, request);
      case 'delete': {
        const token = await tokens.findManageable(user, id);
        const question = `Delete the token "${token.description}" of ${token.username}? Scripts using it stop working at once.`;
        return { confirm: { question, action: 'delete-confirmed', id } };
      }
      case 'delete-confirmed':
        await tokens.delete(user, id);
        return { success: 'The token was deleted.' };
      case 'delete-all': {
        const target = await tokens.countManageable(user, owner);
        if (target.count === 0) return { success: `${target.username} has no API tokens.` };
        const question =
          target.count === 1
            ? `Delete the only API token of ${target.username}? Every script using it stops working at once.`
            : `Delete all ${target.count} API tokens of ${target.username}? Every script using one of them stops working at once.`;
        return { confirm: { question, action: 'delete-all-confirmed', owner: target.username } };
      }
      case 'delete-all-confirmed': {
        const count = await tokens.deleteAllOf(user, owner);
        const deleted = count === 1 ? '1 token was deleted' : `${count} tokens were deleted`;
        return { success: `${deleted} from ${owner.trim().toLowerCase()}.` };
      }
      default:
        throw new InvalidInputError(`unknown action "${action.slice(0, 40)}"`, { action: 'Use the buttons on this page.' });
    }
  } catch (error) {
    // Input errors and vanished tokens or users are shown on the page, but a missing permission stays a 403.
    if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
    const form = action === 'create' ? { owner, description: field(request, 'description'), validity: field(request, 'validity') } : undefined;
    const fieldErrors = error instanceof InvalidInputError ? error.fieldErrors : {};
    return { error: error.message, fieldErrors, form, status: error instanceof InvalidInputError ? 400 : 404 };
  }
}

async function createForOwner(tokens: TokenService, user: User, request: PageRequest): Promise<ManagerState> {
  const owner = field(request, 'owner').trim();
  // An empty owner would make the service create the actor's own token, which this form does not offer.
  if (owner === '') throw new InvalidInputError('owner is missing', { owner: 'Enter the user name of the user who gets the token.' });
  const newToken = await tokens.create(user, { username: owner, description: field(request, 'description'), validity: field(request, 'validity') });
  return { newToken, success: `The token was created for ${newToken.username}.` };
}

async function render(tokens: TokenService, user: User, options: TokenOptions, filterInput: TokenFilterInput, state: ManagerState): Promise<PageResult> {
  const chosen = state.form?.validity ?? options.validityOptions[options.validityOptions.length - 1];
  const listed = await listTokens(tokens, user, filterInput);
  const shownState = listed.error ? { ...state, error: listed.error.message, fieldErrors: listed.error.fieldErrors, status: 400 } : state;
  const singleUser = listed.page && listed.page.tokens.length > 0 && new Set(listed.page.tokens.map((token) => token.username)).size === 1;

  return {
    kind: 'render',
    title: pageTitle,
    template: tokenManagerTemplate,
    status: shownState.status ?? 200,
    context: {
      ...shownState,
      permissions: options,
      filter: {
        usernames: filterInput.usernames ?? '',
        text: filterInput.text ?? '',
        start: listed.page ? String(listed.page.start) : (filterInput.start ?? ''),
        limit: filterInput.limit ?? '',
      },
      list: listed.page ? toListView(listed.page, filterInput) : { tokens: [], total: 0 },
      cancelUrl: pageUrl(filterInput, filterInput.start),
      deleteAllOwner: singleUser ? listed.page!.tokens[0]!.username : '',
      validityOptions: options.validityOptions.map((value) => ({ value, label: validityLabel(value), selected: value === chosen })),
    },
  };
}

/** Lists one page of tokens; an invalid filter is returned for display instead of thrown. */
async function listTokens(tokens: TokenService, user: User, filterInput: TokenFilterInput): Promise<{ page?: TokenPage; error?: InvalidInputError }> {
  try {
    const page = await tokens.listByFilter(user, filterInput);
    // After deleting the last token of the last page, show the page before it.
    if (page.tokens.length === 0 && page.total > 0 && page.start > 0) {
      const lastStart = Math.floor((page.total - 1) / page.limit) * page.limit;
      return { page: await tokens.listByFilter(user, { ...filterInput, start: String(lastStart) }) };
    }
    return { page };
  } catch (error) {
    if (error instanceof InvalidInputError) return { error };
    throw error;
  }
}

function toListView(page: TokenPage, filterInput: TokenFilterInput) {
  const first = page.start + 1;
  const last = page.start + page.tokens.length;
  return {
    tokens: page.tokens.map(toManagerRow),
    total: page.total,
    first,
    last,
    previousUrl: page.start > 0 ? pageUrl(filterInput, String(Math.max(0, page.start - page.limit))) : undefined,
    nextUrl: last < page.total ? pageUrl(filterInput, String(last)) : undefined,
  };
}

function toManagerRow(token: TokenJson) {
  return { ...toRow(token), username: token.username, createdBy: token.createdBy };
}

/** Builds the Token Manager path for the filter at another start; the template escapes it. */
function pageUrl(filterInput: TokenFilterInput, start: string | undefined): string {
  const query = new URLSearchParams({ tab: tokenManagerTab });
  for (const [name, value] of Object.entries({ ...filterInput, start })) {
    if (value !== undefined && value !== '') query.set(name, value);
  }
  return `${pagePath}?${query.toString()}`;
}

function field(request: PageRequest, name: string): string {
  const value = request.form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
