import type Router from '@koa/router';
import { InvalidInputError, NotFoundError } from '@plughost/sdk';
import type { AdminRestGate, RestContext } from '../rest/rest-access.js';
import { jsonObjectBody, requireAdminUser } from '../rest/rest-access.js';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { PluginManager } from './plugin-manager.js';
import { toPluginView } from './plugin-view.js';

const base = '/rest/plugins/1.0';

/** The plugin key in a `{key}-key` path segment, as Atlassian's UPM REST API addresses plugins. */
function keyOf(ctx: RestContext): string {
  const segment = String(ctx.params.pluginKey ?? '');
  if (!segment.endsWith('-key') || segment.length <= '-key'.length) {
    throw new NotFoundError(`Address a plugin as ${base}/<plugin key>-key, for example ${base}/com.example.hello-key.`);
  }
  return segment.slice(0, -'-key'.length);
}

/**
 * The "Manage apps" REST API (admin only): list, enable or disable, uninstall. Uninstalling
 * keeps the plugin's tables and settings unless the call adds `?dropData=true`.
 */
export function addPluginResources(router: Router<HostState>, manager: PluginManager, users: UserDirectory, adminGates: () => readonly AdminRestGate[]): void {
  const admin = requireAdminUser(users, adminGates);

  router.get(`${base}/`, admin, async (ctx) => {
    const records = await manager.catalog.store.list();
    ctx.body = { plugins: records.map(toPluginView) };
  });

  router.get(`${base}/:pluginKey`, admin, async (ctx) => {
    ctx.body = toPluginView(await manager.catalog.require(keyOf(ctx)));
  });

  router.put(`${base}/:pluginKey`, admin, async (ctx) => {
    const key = keyOf(ctx);
    const body = jsonObjectBody(ctx);
    if (!body) return;
    if (typeof body.enabled !== 'boolean') {
      throw new InvalidInputError(`The field "enabled" must be true or false, got ${JSON.stringify(body.enabled)}.`, { enabled: 'must be true or false' });
    }
    const record = await manager.setEnabled(key, body.enabled);
    ctx.body = toPluginView(record);
  });

  router.delete(`${base}/:pluginKey`, admin, async (ctx) => {
    const key = keyOf(ctx);
    const dropData = ctx.query.dropData;
    if (dropData !== undefined && dropData !== 'true' && dropData !== 'false') {
      throw new InvalidInputError(`The query parameter dropData must be true or false, got ${JSON.stringify(dropData)}.`, { dropData: 'must be true or false' });
    }
    await manager.uninstall(key, dropData === 'true');
    ctx.status = 204;
  });
}
