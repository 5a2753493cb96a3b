import type { Middleware } from 'koa';
import { ConflictError, InvalidInputError, NotFoundError } from '@plughost/sdk';
import type { Flavour } from '../../product/flavours.js';
import type { HostSettings } from '../../security/host-settings.js';
import type { HostState } from '../../server/host-state.js';
import type { FailedLoginReset } from '../../users/failed-login-reset.js';
import type { UserDirectory } from '../../users/user-directory.js';
import type { PageContext } from '../page-guards.js';
import type { PageRenderer } from '../renderer.js';

/** What the user and group admin pages need from the host. */
export interface UserAdminPageDependencies {
  readonly flavour: Flavour;
  readonly baseUrl: string;
  readonly users: UserDirectory;
  readonly settings: HostSettings;
  readonly renderer: PageRenderer;
  readonly failedLogins: FailedLoginReset;
  /** The admin page guard: login, admin group, then the admin gates. */
  readonly adminPage: Middleware<HostState>;
}

/** Paths of the user and group admin pages; the user and group pages take `?name=`. */
export interface UserAdminPaths {
  readonly users: string;
  readonly user: string;
  readonly groups: string;
  readonly group: string;
}

/** The flavour's paths: Jira's `ViewUser.jspa` beside `UserBrowser.jspa`, Confluence's `viewuser.action`. */
export function userAdminPaths(flavour: Flavour): UserAdminPaths {
  if (flavour.id === 'jira') {
    return { users: flavour.paths.users, user: '/secure/admin/user/ViewUser.jspa', groups: flavour.paths.groups, group: '/secure/admin/user/ViewGroup.jspa' };
  }
  return { users: flavour.paths.users, user: '/admin/users/viewuser.action', groups: flavour.paths.groups, group: '/admin/users/viewgroup.action' };
}

/** A form problem to show on the page: a message and the messages per field. */
export interface FormProblem {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Turns a domain error caused by the submitted form into a problem to show inline. Returns
 * undefined for any other error, which the caller rethrows to the error handler.
 */
export function formProblemOf(error: unknown): FormProblem | undefined {
  if (error instanceof InvalidInputError || error instanceof ConflictError) {
    const fields = { ...error.fieldErrors };
    const message = Object.keys(fields).length > 0 ? 'Correct the marked fields and submit the form again.' : error.message;
    return { message, fields };
  }
  if (error instanceof NotFoundError) return { message: error.message, fields: {} };
  return undefined;
}

/** Runs a form action; a domain error about the input comes back as a FormProblem. */
export async function runFormAction(action: () => Promise<void>): Promise<FormProblem | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    const problem = formProblemOf(error);
    if (!problem) throw error;
    return problem;
  }
}

/** A single query parameter as text; '' when missing or repeated. */
export function queryText(ctx: PageContext, name: string): string {
  const value = ctx.query[name];
  return typeof value === 'string' ? value : '';
}

/** Confirmation lines shown after a redirect, chosen by a fixed code so no text comes from the URL. */
const notices: Record<string, (subject: string) => string> = {
  created: (subject) => `The user ${subject} was created.`,
  updated: (subject) => `The changes to ${subject} were saved.`,
  deactivated: (subject) => `The user ${subject} was deactivated and can no longer log in.`,
  activated: (subject) => `The user ${subject} was activated.`,
  deleted: (subject) => `The user ${subject} was deleted.`,
  reset: (subject) => `The failed login count of ${subject} was reset.`,
  'group-added': (subject) => `The user was added to the group ${subject}.`,
  'group-removed': (subject) => `The user was removed from the group ${subject}.`,
  'group-created': (subject) => `The group ${subject} was created.`,
  'group-deleted': (subject) => `The group ${subject} was deleted.`,
  'member-added': (subject) => `The user ${subject} was added to the group.`,
  'member-removed': (subject) => `The user ${subject} was removed from the group.`,
};

/** The confirmation line of `?notice=<code>&subject=<name>`, or undefined. */
export function noticeOf(ctx: PageContext): string | undefined {
  const notice = notices[queryText(ctx, 'notice')];
  return notice ? notice(queryText(ctx, 'subject').slice(0, 255)) : undefined;
}

/** Redirects after a successful POST, so reloading the page does not repeat the action. */
export function redirectAfterPost(ctx: PageContext, baseUrl: string, path: string, query: Record<string, string>): void {
  ctx.redirect(`${baseUrl}${path}?${new URLSearchParams(query).toString()}`);
}

/** The query string `name=<encoded name>` of a user or group page. */
export function nameQuery(name: string): string {
  return new URLSearchParams({ name }).toString();
}
