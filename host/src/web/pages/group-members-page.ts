import type Router from '@koa/router';
import { InvalidInputError, NotFoundError } from '@plughost/sdk';
import type { HostState } from '../../server/host-state.js';
import { formField, formOf, type PageContext } from '../page-guards.js';
import {
  nameQuery,
  noticeOf,
  queryText,
  redirectAfterPost,
  runFormAction,
  userAdminPaths,
  type FormProblem,
  type UserAdminPageDependencies,
} from './user-admin-support.js';

/**
 * Mounts a group's page (`?name=<group>`): its members, with forms that add a user by name and
 * remove a member. Admins cannot remove themselves from the admin group.
 */
export function addGroupMembersPage(router: Router<HostState>, deps: UserAdminPageDependencies): void {
  const paths = userAdminPaths(deps.flavour);

  router.get(paths.group, deps.adminPage, async (ctx) => {
    await renderGroupPage(ctx, deps, await requireGroup(deps, queryText(ctx, 'name')), '', undefined);
  });

  router.post(paths.group, deps.adminPage, async (ctx) => {
    const group = await requireGroup(deps, queryText(ctx, 'name'));
    const form = formOf(ctx);
    const action = formField(form, 'action');
    const username = formField(form, 'username');
    let problem: FormProblem | undefined;
    if (action === 'addMember') {
      problem = await runFormAction(() => deps.users.addMember(group, username));
      if (!problem) return redirectAfterPost(ctx, deps.baseUrl, paths.group, { name: group, notice: 'member-added', subject: username.trim().toLowerCase() });
    } else if (action === 'removeMember') {
      problem = await runFormAction(async () => {
        if (group === deps.users.adminGroup && username.toLowerCase() === ctx.state.user!.name) {
          throw new InvalidInputError(`You cannot remove yourself from ${group}, because you would lose access to administration.`);
        }
        await deps.users.removeMember(group, username);
      });
      if (!problem) return redirectAfterPost(ctx, deps.baseUrl, paths.group, { name: group, notice: 'member-removed', subject: username.toLowerCase() });
    } else {
      throw new InvalidInputError(`unknown action '${action.slice(0, 50)}': use addMember or removeMember`);
    }
    await renderGroupPage(ctx, deps, group, action === 'addMember' ? username : '', problem);
  });
}

async function requireGroup(deps: UserAdminPageDependencies, name: string): Promise<string> {
  if (name === '') throw new NotFoundError('No group is named: add ?name=<group> to the URL.');
  if (!(await deps.users.groupExists(name))) throw new NotFoundError(`The group '${name.slice(0, 255)}' does not exist.`);
  return name.toLowerCase();
}

async function renderGroupPage(ctx: PageContext, deps: UserAdminPageDependencies, group: string, username: string, problem: FormProblem | undefined): Promise<void> {
  const paths = userAdminPaths(deps.flavour);
  const members = [];
  for (const name of await deps.users.listMembers(group)) {
    const user = await deps.users.getUser(name);
    members.push({
      name,
      displayName: user?.displayName ?? '',
      query: nameQuery(name),
      removable: !(group === deps.users.adminGroup && name === ctx.state.user!.name),
    });
  }
  await deps.renderer.render(ctx, 'admin/group-members', { title: `Group: ${group}`, admin: true, status: problem ? 400 : 200 }, {
    group,
    groupQuery: nameQuery(group),
    groupPath: paths.group,
    groupsPath: paths.groups,
    userPath: paths.user,
    members,
    username,
    problem,
    problemText: problem ? (Object.values(problem.fields)[0] ?? problem.message) : undefined,
    notice: noticeOf(ctx),
  });
}
