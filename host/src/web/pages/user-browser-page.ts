import type Router from '@koa/router';
import type { HostState } from '../../server/host-state.js';
import type { UserDetails } from '../../users/user-directory.js';
import { formField, formOf, type PageContext } from '../page-guards.js';
import {
  noticeOf,
  queryText,
  redirectAfterPost,
  runFormAction,
  userAdminPaths,
  nameQuery,
  type FormProblem,
  type UserAdminPageDependencies,
} from './user-admin-support.js';

/** Users listed per page of the user browser. */
export const userBrowserPageSize = 50;

/** Values of the create-user form, kept when it is shown again with errors. */
interface CreateUserForm {
  name: string;
  displayName: string;
  emailAddress: string;
  groups: string[];
}

/**
 * Mounts the user browser at the flavour's users path: search by name, display name or e-mail,
 * the failed-login counters per user, and the form that creates a user.
 */
export function addUserBrowserPage(router: Router<HostState>, deps: UserAdminPageDependencies): void {
  const paths = userAdminPaths(deps.flavour);

  router.get(paths.users, deps.adminPage, async (ctx) => {
    await renderUserBrowser(ctx, deps, undefined, undefined);
  });

  router.post(paths.users, deps.adminPage, async (ctx) => {
    const form = formOf(ctx);
    const values: CreateUserForm = {
      name: formField(form, 'name'),
      displayName: formField(form, 'displayName'),
      emailAddress: formField(form, 'emailAddress'),
      groups: [form.groups ?? []].flat(),
    };
    let created = '';
    const problem = await runFormAction(async () => {
      const user = await deps.users.createUser({ ...values, password: formField(form, 'password') });
      created = user.name;
    });
    if (problem) {
      await renderUserBrowser(ctx, deps, values, problem);
      return;
    }
    redirectAfterPost(ctx, deps.baseUrl, paths.user, { name: created, notice: 'created', subject: created });
  });
}

async function renderUserBrowser(
  ctx: PageContext,
  deps: UserAdminPageDependencies,
  createForm: CreateUserForm | undefined,
  problem: FormProblem | undefined,
): Promise<void> {
  const paths = userAdminPaths(deps.flavour);
  const search = queryText(ctx, 'q').slice(0, 255);
  const start = Math.max(0, Math.floor(Number(queryText(ctx, 'start')) || 0));
  // Fetching one row more than is shown reveals whether there is a next page.
  const found = await deps.users.findUserDetails({ search, limit: userBrowserPageSize + 1, offset: start });
  const rows = [];
  for (const user of found.slice(0, userBrowserPageSize)) rows.push(await userRow(deps, user, paths.user));

  const form = createForm ?? { name: '', displayName: '', emailAddress: '', groups: [deps.flavour.defaultUserGroup] };
  const groups = (await deps.users.listGroups()).map((name) => ({ name, checked: form.groups.includes(name) }));
  const pageQuery = (offset: number) => new URLSearchParams({ q: search, start: String(offset) }).toString();

  await deps.renderer.render(ctx, 'admin/user-browser', { title: deps.flavour.labels.users, admin: true, status: problem ? 400 : 200 }, {
    heading: deps.flavour.labels.users,
    usersPath: paths.users,
    search,
    rows,
    noUsers: rows.length === 0,
    previousQuery: start > 0 ? pageQuery(Math.max(0, start - userBrowserPageSize)) : undefined,
    nextQuery: found.length > userBrowserPageSize ? pageQuery(start + userBrowserPageSize) : undefined,
    notice: noticeOf(ctx),
    form,
    groups,
    problem,
    openCreateForm: problem !== undefined,
  });
}

/** Builds one row of the user table, with the failed-login counters. */
async function userRow(deps: UserAdminPageDependencies, user: UserDetails, userPath: string) {
  const maximum = deps.settings.get('maxAuthenticationAttempts');
  return {
    name: user.name,
    displayName: user.displayName,
    emailAddress: user.emailAddress,
    active: user.active,
    groups: await deps.users.getGroups(user.name),
    failedLoginCurrent: user.failedLoginCurrent,
    failedLoginTotal: user.failedLoginTotal,
    lastFailedLoginAt: user.lastFailedLoginAt,
    loginCount: user.loginCount,
    lastLoginAt: user.lastLoginAt,
    captchaRequired: maximum > 0 && user.failedLoginCurrent >= maximum,
    link: `${userPath}?${nameQuery(user.name)}`,
  };
}
