import type Router from '@koa/router';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import { jsonObjectBody, requireAdminUser, requiredQuery, type AdminRestGate } from './rest-access.js';

/** The group resources of Jira's REST API version 2 (admin only). */
export function addGroupResources(router: Router<HostState>, users: UserDirectory, baseUrl: string, adminGates: () => readonly AdminRestGate[]): void {
  const admin = requireAdminUser(users, adminGates);

  router.post('/rest/api/2/group', admin, async (ctx) => {
    const body = jsonObjectBody(ctx);
    if (!body) return;
    const name = await users.createGroup(body.name);
    ctx.status = 201;
    ctx.body = { name, self: `${baseUrl}/rest/api/2/group?groupname=${encodeURIComponent(name)}`, users: { size: 0, items: [] } };
  });

  router.delete('/rest/api/2/group', admin, async (ctx) => {
    const group = requiredQuery(ctx, 'groupname');
    if (group === undefined) return;
    await users.deleteGroup(group);
    ctx.status = 204;
  });

  router.get('/rest/api/2/group/member', admin, async (ctx) => {
    const group = requiredQuery(ctx, 'groupname');
    if (group === undefined) return;
    const members = await users.listMembers(group);
    const values = [];
    for (const name of members) {
      const user = await users.getUser(name);
      if (user) values.push({ name: user.name, key: user.key, displayName: user.displayName, emailAddress: user.emailAddress, active: user.active });
    }
    ctx.body = { startAt: 0, maxResults: values.length, total: values.length, isLast: true, values };
  });

  router.post('/rest/api/2/group/user', admin, async (ctx) => {
    const group = requiredQuery(ctx, 'groupname');
    if (group === undefined) return;
    const body = jsonObjectBody(ctx);
    if (!body) return;
    await users.addMember(group, body.name);
    ctx.status = 201;
    ctx.body = { name: group.toLowerCase(), self: `${baseUrl}/rest/api/2/group?groupname=${encodeURIComponent(group.toLowerCase())}` };
  });

  router.delete('/rest/api/2/group/user', admin, async (ctx) => {
    const group = requiredQuery(ctx, 'groupname');
    if (group === undefined) return;
    const username = requiredQuery(ctx, 'username');
    if (username === undefined) return;
    await users.removeMember(group, username);
    ctx.status = 204;
  });
}
