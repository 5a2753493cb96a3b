import type Router from '@koa/router';
import { InvalidInputError, NotFoundError } from '@plughost/sdk';
import type { HostState } from '../../server/host-state.js';
import type { UserDetails } from '../../users/user-directory.js';
import { formField, formOf, type PageContext } from '../page-guards.js';
import {
  noticeOf,
  queryText,
  redirectAfterPost,
  runFormAction,
  userAdminPaths,
  type FormProblem,
  nameQuery,
  type UserAdminPageDependencies,
} from './user-admin-support.js';

/** Values of the edit form, kept when it is shown again with errors. */
interface EditUserForm {
  displayName: string;
  emailAddress: string;
}

/** Which form on the user's page a problem belongs to. */
type ProblemPlace = 'edit' | 'groups' | 'actions';

/**
 * Mounts a user's page: edit display name, e-mail and password, deactivate or activate, delete (after
 * a confirmation page), reset the failed-login count, and add to or remove from groups.
 * Admins cannot delete or deactivate themselves, nor leave the admin group, because they would
 * lock themselves out.
 */
export function addUserEditPage(router: Router<HostState>, deps: UserAdminPageDependencies): void {
  const paths = userAdminPaths(deps.flavour);

  router.get(paths.user, deps.adminPage, async (ctx) => {
    const user = await requireUser(deps, queryText(ctx, 'name'));
    if (queryText(ctx, 'action') === 'delete') {
      await deps.renderer.render(ctx, 'admin/user-delete', { title: `Delete ${user.name}`, admin: true }, {
        user,
        userPath: paths.user,
        userQuery: nameQuery(user.name),
        isSelf: user.name === ctx.state.user!.name,
      });
      return;
    }
    await renderUserPage(ctx, deps, user, undefined);
  });

  router.post(paths.user, deps.adminPage, async (ctx) => {
    const user = await requireUser(deps, queryText(ctx, 'name'));
    const form = formOf(ctx);
    const action = formField(form, 'action');
    const isSelf = user.name === ctx.state.user!.name;
    const done = (notice: string, subject: string = user.name) =>
      redirectAfterPost(ctx, deps.baseUrl, paths.user, { name: user.name, notice, subject });

    let problem: FormProblem | undefined;
    let place: ProblemPlace = 'actions';
    switch (action) {
      case 'update': {
        const values: EditUserForm = { displayName: formField(form, 'displayName'), emailAddress: formField(form, 'emailAddress') };
        const password = formField(form, 'password');
        problem = await runFormAction(async () => {
          await deps.users.updateUser(user.name, { ...values, password: password === '' ? undefined : password });
        });
        if (problem) return renderUserPage(ctx, deps, user, { place: 'edit', problem, values });
        return done('updated');
      }
      case 'deactivate':
      case 'activate':
        problem = await runFormAction(async () => {
          if (isSelf && action === 'deactivate') throw new InvalidInputError('You cannot deactivate the user you are logged in as.');
          await deps.users.updateUser(user.name, { active: action === 'activate' });
        });
        if (!problem) return done(action === 'activate' ? 'activated' : 'deactivated');
        break;
      case 'delete':
        problem = await runFormAction(async () => {
          if (isSelf) throw new InvalidInputError('You cannot delete the user you are logged in as.');
          await deps.users.deleteUser(user.name);
        });
        if (!problem) return redirectAfterPost(ctx, deps.baseUrl, paths.users, { notice: 'deleted', subject: user.name });
        break;
      case 'resetFailedLogins':
        await deps.failedLogins.reset(user.name);
        return done('reset');
      case 'addGroup': {
        const group = formField(form, 'group');
        place = 'groups';
        problem = await runFormAction(() => deps.users.addMember(group, user.name));
        if (!problem) return done('group-added', group.toLowerCase());
        break;
      }
      case 'removeGroup': {
        const group = formField(form, 'group');
        place = 'groups';
        problem = await runFormAction(async () => {
          if (isSelf && group.toLowerCase() === deps.users.adminGroup) {
            throw new InvalidInputError(`You cannot remove yourself from ${deps.users.adminGroup}, because you would lose access to administration.`);
          }
          await deps.users.removeMember(group, user.name);
        });
        if (!problem) return done('group-removed', group.toLowerCase());
        break;
      }
      default:
        throw new InvalidInputError(`unknown action '${action.slice(0, 50)}': use update, activate, deactivate, delete, resetFailedLogins, addGroup or removeGroup`);
    }
    // The user may have changed or gone since the page was opened, so it is read again.
    await renderUserPage(ctx, deps, await requireUser(deps, user.name), { place, problem: problem!, values: undefined });
  });
}

async function requireUser(deps: UserAdminPageDependencies, name: string): Promise<UserDetails> {
  const user = name === '' ? undefined : await deps.users.getUserDetails(name);
  if (!user) throw new NotFoundError(name === '' ? 'No user is named: add ?name=<username> to the URL.' : `The user '${name.slice(0, 255)}' does not exist.`);
  return user;
}

async function renderUserPage(
  ctx: PageContext,
  deps: UserAdminPageDependencies,
  user: UserDetails,
  failure: { place: ProblemPlace; problem: FormProblem; values: EditUserForm | undefined } | undefined,
): Promise<void> {
  const paths = userAdminPaths(deps.flavour);
  const memberOf = await deps.users.getGroups(user.name);
  const otherGroups = (await deps.users.listGroups()).filter((group) => !memberOf.includes(group));
  const maximum = deps.settings.get('maxAuthenticationAttempts');
  const isSelf = user.name === ctx.state.user!.name;

  await deps.renderer.render(ctx, 'admin/user-edit', { title: `User: ${user.name}`, admin: true, status: failure ? 400 : 200 }, {
    user,
    userPath: paths.user,
    usersPath: paths.users,
    groupPath: paths.group,
    userQuery: nameQuery(user.name),
    isSelf,
    memberOf: memberOf.map((name) => ({ name, query: nameQuery(name), removable: !(isSelf && name === deps.users.adminGroup) })),
    otherGroups,
    maxAuthenticationAttempts: maximum,
    captchaRequired: maximum > 0 && user.failedLoginCurrent >= maximum,
    notice: noticeOf(ctx),
    form: failure?.values ?? { displayName: user.displayName, emailAddress: user.emailAddress },
    editProblem: failure?.place === 'edit' ? failure.problem : undefined,
    groupsProblem: failure?.place === 'groups' ? failure.problem : undefined,
    actionsProblem: failure?.place === 'actions' ? failure.problem : undefined,
  });
}
