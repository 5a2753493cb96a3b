import type Router from '@koa/router';
import type { HostState } from '../../server/host-state.js';
import { addGroupBrowserPage } from './group-browser-page.js';
import { addGroupMembersPage } from './group-members-page.js';
import type { UserAdminPageDependencies } from './user-admin-support.js';
import { addUserBrowserPage } from './user-browser-page.js';
import { addUserEditPage } from './user-edit-page.js';

/** Mounts the admin pages for users and groups at the flavour's paths. */
export function addUserAdminPages(router: Router<HostState>, deps: UserAdminPageDependencies): void {
  addUserBrowserPage(router, deps);
  addUserEditPage(router, deps);
  addGroupBrowserPage(router, deps);
  addGroupMembersPage(router, deps);
}
