import { InvalidInputError, NotAllowedError, NotFoundError, type PageRequest, type PageResult, type User } from '@plughost/sdk';
import { validityLabel } from '../settings/validity.js';
import type { TokenFilterInput } from '../tokens/token-filter.js';
import type { CreatedTokenJson, TokenJson } from '../tokens/token-json.js';
import type { TokenOptions, TokenPage, TokenService } from '../tokens/token-service.js';
import { formField } from './form-fields.js';
import type { OneTimeTokenStore } from './one-time-token-store.js';
import { toPageError } from './page-errors.js';
import { tokenManagerTemplate } from './token-manager-template.js';
import { toRow } from './token-rows.js';

/** The `tab` query value of the Token Manager on the tokens page. */
export const tokenManagerTab = 'manager';

const pageTitle = 'Token Manager';
const pagePath = '/plugins/servlet/apitokenauth/tokens';

/** Labels of the form fields, for error messages. */
const fieldLabels: Readonly<Record<string, string>> = {
  owner: 'User',
  username: 'User',
  description: 'Description',
  validity: 'Valid for',
  usernames: 'Users',
  text: 'Description contains',
  start: 'First token shown',
  limit: 'Tokens per page',
};

/** The outcome of a POST, shown above the list. */
interface ManagerState {
  success?: string;
  error?: string;
  fieldErrors?: readonly string[];
  newToken?: CreatedTokenJson;
  /** The one-time id of a created token was used already, had expired or was unknown. */
  tokenNoLongerShown?: boolean;
  confirm?: { question: string; action: string; id?: string; owner?: string };
  form?: { owner: string; description: string; validity: string };
  status?: number;
}

/**
 * Handles the "Token Manager" tab of the tokens page, for users who may create tokens for
 * others: it lists tokens of any users by filter, creates a token for a user and shows it
 * once, and deletes one token or all tokens of a user after a confirmation step. The audit
 * records name the acting user as author and the owner as affected user. A successful create
 * redirects to `?tab=manager&created=<one-time id>`, like the "My API Tokens" tab.
 */
export async function handleTokenManager(tokens: TokenService, newTokens: OneTimeTokenStore, user: User, request: PageRequest): Promise<PageResult> {
  const options = await tokens.optionsFor(user);
  if (!options.canCreateTokensForOthers) {
    throw new NotAllowedError(`You (${user.name}) are not allowed to manage the API tokens of other users. Ask an administrator for the permission.`);
  }
  // A POST carries the filter in hidden fields, a GET in the query string.
  const source = request.method === 'POST' ? (name: string) => formField(request, name) : (name: string) => request.query[name];
  const filter: TokenFilterInput = { usernames: source('usernames'), text: source('text'), start: source('start'), limit: source('limit') };
  if (request.method !== 'POST') return render(tokens, user, options, filter, showCreated(newTokens, user, request.query.created));
  if (formField(request, 'action') === 'create') {
    const created = await createForOwner(tokens, user, request);
    if (created.newToken === undefined) return render(tokens, user, options, filter, created);
    const id = newTokens.put(user.name, created.newToken);
    return { kind: 'redirect', location: `${pageUrl(filter, filter.start)}&created=${encodeURIComponent(id)}` };
  }
  return render(tokens, user, options, filter, await handlePost(tokens, user, request));
}

/** Reads the token a create stored for this user; the second view of the same id gets a notice instead. */
function showCreated(newTokens: OneTimeTokenStore, user: User, createdId: string | undefined): ManagerState {
  if (createdId === undefined || createdId === '') return {};
  const newToken = newTokens.take(user.name, createdId);
  return newToken ? { newToken, success: `The token was created for ${newToken.username}.` } : { tokenNoLongerShown: true };
}

async function handlePost(tokens: TokenService, user: User, request: PageRequest): Promise<ManagerState> {
  const action = formField(request, 'action');
  const id = formField(request, 'id');
  const owner = formField(request, 'owner');
  try {
    switch (action) {
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
        throw new InvalidInputError(`unknown action "${action.slice(0, 40)}"`, { action: `The action "${action.slice(0, 40)}" is unknown. Use the buttons on this page.` });
    }
  } catch (error) {
    // Input errors and vanished tokens or users are shown on the page, but a missing permission stays a 403.
    if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
    return toPageError(error, 'Nothing was changed.', fieldLabels);
  }
}

/** Creates a token for the named user, or returns the page state of the input error. */
async function createForOwner(tokens: TokenService, user: User, request: PageRequest): Promise<{ newToken: CreatedTokenJson } | ManagerState> {
  const owner = formField(request, 'owner').trim();
  const form = { owner, description: formField(request, 'description'), validity: formField(request, 'validity') };
  try {
    // An empty owner would make the service create the actor's own token, which this form does not offer.
    if (owner === '') throw new InvalidInputError('owner is missing', { owner: 'Enter the user name of the user who gets the token.' });
    return { newToken: await tokens.create(user, { username: owner, description: form.description, validity: form.validity }) };
  } catch (error) {
    // Input errors and unknown users are shown on the page, but a missing permission stays a 403.
    if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
    return { ...toPageError(error, 'The token was not created.', fieldLabels), form };
  }
}

async function render(tokens: TokenService, user: User, options: TokenOptions, filterInput: TokenFilterInput, state: ManagerState): Promise<PageResult> {
  const chosen = state.form?.validity ?? options.validityOptions[options.validityOptions.length - 1];
  const listed = await listTokens(tokens, user, filterInput);
  const shownState = listed.error ? { ...state, ...toPageError(listed.error, 'The tokens were not filtered.', fieldLabels) } : state;
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
