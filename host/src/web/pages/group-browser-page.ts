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
 * Mounts the group browser at the flavour's groups path: groups with their member counts, the
 * form that creates a group, and deleting a group after a confirmation page
 * (`?delete=<group>`). The admin group cannot be deleted.
 */
export function addGroupBrowserPage(router: Router<HostState>, deps: UserAdminPageDependencies): void {
  const paths = userAdminPaths(deps.flavour);

  router.get(paths.groups, deps.adminPage, async (ctx) => {
    const toDelete = queryText(ctx, 'delete');
    if (toDelete !== '') {
      if (!(await deps.users.groupExists(toDelete))) throw new NotFoundError(`The group '${toDelete.slice(0, 255)}' does not exist.`);
      const group = toDelete.toLowerCase();
      await deps.renderer.render(ctx, 'admin/group-delete', { title: `Delete ${group}`, admin: true }, {
        group,
        groupsPath: paths.groups,
        isAdminGroup: group === deps.users.adminGroup,
      });
      return;
    }
    await renderGroupBrowser(ctx, deps, '', undefined);
  });

  router.post(paths.groups, deps.adminPage, async (ctx) => {
    const form = formOf(ctx);
    const action = formField(form, 'action');
    const name = formField(form, 'name');
    if (action === 'create') {
      let created = '';
      const problem = await runFormAction(async () => {
        created = await deps.users.createGroup(name);
      });
      if (problem) return renderGroupBrowser(ctx, deps, name, problem);
      return redirectAfterPost(ctx, deps.baseUrl, paths.groups, { notice: 'group-created', subject: created });
    }
    if (action === 'delete') {
      const problem = await runFormAction(() => deps.users.deleteGroup(name));
      if (problem) return renderGroupBrowser(ctx, deps, '', { message: Object.values(problem.fields)[0] ?? problem.message, fields: {} });
      return redirectAfterPost(ctx, deps.baseUrl, paths.groups, { notice: 'group-deleted', subject: name.toLowerCase() });
    }
    throw new InvalidInputError(`unknown action '${action.slice(0, 50)}': use create or delete`);
  });
}

async function renderGroupBrowser(ctx: PageContext, deps: UserAdminPageDependencies, newName: string, problem: FormProblem | undefined): Promise<void> {
  const paths = userAdminPaths(deps.flavour);
  const groups = (await deps.users.listGroupsWithCounts()).map((group) => ({
    ...group,
    query: nameQuery(group.name),
    deleteQuery: new URLSearchParams({ delete: group.name }).toString(),
    deletable: group.name !== deps.users.adminGroup,
  }));
  await deps.renderer.render(ctx, 'admin/group-browser', { title: deps.flavour.labels.groups, admin: true, status: problem ? 400 : 200 }, {
    heading: deps.flavour.labels.groups,
    groupsPath: paths.groups,
    groupPath: paths.group,
    groups,
    newName,
    problem,
    notice: noticeOf(ctx),
  });
}
