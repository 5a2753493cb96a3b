import { InvalidInputError, NotFoundError, type PageModule, type PageRequest, type PageResult, type User } from '@plughost/sdk';
import { validityLabel } from '../settings/validity.js';
import type { CreatedTokenJson } from '../tokens/token-json.js';
import type { TokenService } from '../tokens/token-service.js';
import { formField } from './form-fields.js';
import type { OneTimeTokenStore } from './one-time-token-store.js';
import { toPageError } from './page-errors.js';
import { handleTokenManager, tokenManagerTab } from './token-manager-page.js';
import { toRow } from './token-rows.js';
import { tokensPageTemplate } from './tokens-template.js';

/** Path of the page below `/plugins/servlet/`. */
export const tokensPagePath = 'apitokenauth/tokens';

const pageTitle = 'My API Tokens';
const pageUrl = `/plugins/servlet/${tokensPagePath}`;

/** Labels of the form fields, for error messages. */
const fieldLabels: Readonly<Record<string, string>> = { description: 'Description', validity: 'Valid for' };

/** Messages of `?done=<code>` after a delete redirects; a code, never free text from the URL. */
const doneMessages: Readonly<Record<string, string>> = {
  deleted: 'The token was deleted.',
  'deleted-all': 'All your tokens were deleted.',
};

/** The outcome of a POST, shown above the list. */
interface PageState {
  success?: string;
  error?: string;
  fieldErrors?: readonly string[];
  newToken?: CreatedTokenJson;
  /** The one-time id of a created token was used already, had expired or was unknown. */
  tokenNoLongerShown?: boolean;
  confirm?: { question: string; action: string; id: string };
  form?: { description: string; validity: string };
  status?: number;
  /** A finished delete, answered with a redirect to `?done=<code>`. */
  done?: keyof typeof doneMessages;
}

/**
 * Creates the "My API Tokens" page, which lists the user's tokens, creates one and shows it
 * once, and deletes one or all after a confirmation step. Every action is a plain form POST
 * with `atl_token`. A successful create redirects to `?created=<one-time id>` and that GET shows
 * the token from `newTokens`, so reloading the result page never creates a second token.
 */
export function createTokensPage(tokens: TokenService, newTokens: OneTimeTokenStore): PageModule {
  return {
    path: tokensPagePath,
    access: 'authenticated',
    async handler(request) {
      const user = request.user!;
      if (request.query.tab === tokenManagerTab) return handleTokenManager(tokens, newTokens, user, request);
      if (request.method !== 'POST') return render(tokens, user, { ...showCreated(newTokens, user, request.query.created), ...showDone(request.query.done) });
      const created = await createFromForm(tokens, newTokens, user, request);
      if (created) return created;
      const state = await handlePost(tokens, user, request);
      // A finished delete redirects, so reloading the result page deletes nothing and asks nothing.
      if (state.done) return { kind: 'redirect', location: `${pageUrl}?done=${state.done}` };
      return render(tokens, user, state);
    },
  };
}

function showDone(code: string | undefined): PageState {
  const message = code === undefined ? undefined : doneMessages[code];
  return message ? { success: message } : {};
}

/** Reads the token a create stored for this user; the second view of the same id gets a notice instead. */
function showCreated(newTokens: OneTimeTokenStore, user: User, createdId: string | undefined): PageState {
  if (createdId === undefined || createdId === '') return {};
  const newToken = newTokens.take(user.name, createdId);
  return newToken ? { newToken, success: 'The token was created.' } : { tokenNoLongerShown: true };
}

/** Creates a token and redirects to the page that shows it once; returns `undefined` for other actions. */
async function createFromForm(tokens: TokenService, newTokens: OneTimeTokenStore, user: User, request: PageRequest): Promise<PageResult | undefined> {
  if (formField(request, 'action') !== 'create') return undefined;
  try {
    const newToken = await tokens.create(user, { description: formField(request, 'description'), validity: formField(request, 'validity') });
    const id = newTokens.put(user.name, newToken);
    return { kind: 'redirect', location: `${pageUrl}?created=${encodeURIComponent(id)}` };
  } catch (error) {
    // Input errors are shown on the page with the form filled in; a missing permission stays a 403.
    if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
    const form = { description: formField(request, 'description'), validity: formField(request, 'validity') };
    return render(tokens, user, { ...toPageError(error, 'The token was not created.', fieldLabels), form });
  }
}

async function handlePost(tokens: TokenService, user: User, request: PageRequest): Promise<PageState> {
  const action = formField(request, 'action');
  const id = formField(request, 'id');
  try {
    switch (action) {
      case 'delete': {
        const token = await tokens.findManageable(user, id);
        return { confirm: { question: `Delete the token "${token.description}"? Scripts using it stop working at once.`, action: 'delete-confirmed', id } };
      }
      case 'delete-confirmed':
        await tokens.delete(user, id);
        return { done: 'deleted' };
      case 'delete-all':
        return { confirm: { question: 'Delete all your API tokens? Every script using one of them stops working at once.', action: 'delete-all-confirmed', id: '' } };
      case 'delete-all-confirmed':
        await tokens.deleteAllOf(user, user.name);
        return { done: 'deleted-all' };
      default:
        throw new InvalidInputError(`unknown action "${action.slice(0, 40)}"`, { action: `The action "${action.slice(0, 40)}" is unknown. Use the buttons on this page.` });
    }
  } catch (error) {
    // Input errors and vanished tokens are shown on the page; a missing permission stays a 403.
    if (!(error instanceof InvalidInputError) && !(error instanceof NotFoundError)) throw error;
    return toPageError(error, 'Nothing was changed.', fieldLabels);
  }
}

async function render(tokens: TokenService, user: User, state: PageState): Promise<PageResult> {
  const options = await tokens.optionsFor(user);
  const list = await tokens.listOwn(user);
  const chosen = state.form?.validity ?? options.validityOptions[options.validityOptions.length - 1];
  return {
    kind: 'render',
    title: pageTitle,
    template: tokensPageTemplate,
    status: state.status ?? 200,
    context: {
      ...state,
      permissions: { ...options, any: options.canUseTokens || options.canCreateOwnTokens || options.canCreateTokensForOthers },
      validityOptions: options.validityOptions.map((value) => ({ value, label: validityLabel(value), selected: value === chosen })),
      tokens: list.map(toRow),
    },
  };
}
