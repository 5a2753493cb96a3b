import type Router from '@koa/router';
import type { User } from '@plughost/sdk';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import { jsonObjectBody, requireAdminUser, requireUser, requiredQuery, type AdminRestGate } from './rest-access.js';

/** Jira's user JSON, with the user's groups. */
export async function userJson(users: UserDirectory, user: User, baseUrl: string) {
  const groups = await users.getGroups(user.name);
  return {
    self: `${baseUrl}/rest/api/2/user?username=${encodeURIComponent(user.name)}`,
    name: user.name,
    key: user.key,
    displayName: user.displayName,
    emailAddress: user.emailAddress,
    active: user.active,
    groups: { size: groups.length, items: groups.map((name) => ({ name })) },
  };
}

/** `/rest/api/2/myself`, `/rest/api/2/user`, and Confluence's `/rest/api/user/current`. */
export function addUserResources(router: Router<HostState>, users: UserDirectory, baseUrl: string, adminGates: () => readonly AdminRestGate[], confluence: boolean): void {
  const admin = requireAdminUser(users, adminGates);

  router.get('/rest/api/2/myself', requireUser(), async (ctx) => {
    ctx.body = await userJson(users, ctx.state.user!, baseUrl);
  });

  if (confluence) {
    router.get('/rest/api/user/current', requireUser(), async (ctx) => {
      const user = ctx.state.user!;
      ctx.body = { type: 'known', username: user.name, userKey: user.key, displayName: user.displayName, email: user.emailAddress };
    });
  }

  router.get('/rest/api/2/user', admin, async (ctx) => {
    const name = requiredQuery(ctx, 'username');
    if (name === undefined) return;
    const user = await users.getUser(name);
    if (!user) {
      ctx.status = 404;
      ctx.body = { errorMessages: [`The user named '${name.slice(0, 255)}' does not exist.`], errors: {} };
      return;
    }
    ctx.body = await userJson(users, user, baseUrl);
  });

  router.post('/rest/api/2/user', admin, async (ctx) => {
    const body = jsonObjectBody(ctx);
    if (!body) return;
    const user = await users.createUser({
      name: body.name,
      password: body.password,
      displayName: body.displayName,
      emailAddress: body.emailAddress,
    });
    ctx.status = 201;
    ctx.body = await userJson(users, user, baseUrl);
  });

  router.put('/rest/api/2/user', admin, async (ctx) => {
    const name = requiredQuery(ctx, 'username');
    if (name === undefined) return;
    const body = jsonObjectBody(ctx);
    if (!body) return;
    if (body.active === false && name.toLowerCase() === ctx.state.user!.name) {
      // Deactivating oneself would end one's own sessions and lock the caller out.
      ctx.status = 400;
      ctx.body = { errorMessages: ['You cannot deactivate the user you are logged in as.'], errors: { active: 'is the current user' } };
      return;
    }
    const user = await users.updateUser(name, { displayName: body.displayName, emailAddress: body.emailAddress, active: body.active });
    ctx.body = await userJson(users, user, baseUrl);
  });

  router.delete('/rest/api/2/user', admin, async (ctx) => {
    const name = requiredQuery(ctx, 'username');
    if (name === undefined) return;
    if (name.toLowerCase() === ctx.state.user!.name) {
      ctx.status = 400;
      ctx.body = { errorMessages: ['You cannot delete the user you are logged in as.'], errors: { username: 'is the current user' } };
      return;
    }
    await users.deleteUser(name);
    ctx.status = 204;
  });
}
