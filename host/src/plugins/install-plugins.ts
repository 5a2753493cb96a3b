import type Router from '@koa/router';
import type { Next } from 'koa';
import { webLocations } from '@plughost/sdk';
import type { HostServices } from '../server/host.js';
import type { HostState } from '../server/host-state.js';
import { requireAdmin, requireLogin, type PageContext } from '../web/page-guards.js';
import { offerBundledPlugins } from './bundled-plugins.js';
import { PluginCatalog } from './plugin-catalog.js';
import { pluginsDirOf } from './plugin-files.js';
import { PluginManager } from './plugin-manager.js';
import { addPluginResources } from './plugin-resources.js';
import { pluginPageDispatcher } from './page-dispatcher.js';
import { PageTable } from './page-table.js';
import { pluginRestDispatcher } from './rest-dispatcher.js';
import { RestRouteTable } from './rest-route-table.js';
import { createServiceFactories } from './service-factories.js';
import { addUpmPage, upmPath, upmUploadPath } from './upm-page.js';
import { multipartUploadParser } from './upload-parser.js';

/** How often the host checks whether another process (the CLI) changed the plugin tables. */
export const catalogPollIntervalMs = 500;

/** The plugin system of a host, wired into its middleware by `host.ts`. */
export interface PluginSystem {
  readonly manager: PluginManager;
  /** Parses the "Manage apps" upload form; must run before the page `atl_token` check. */
  readonly parseUploads: (ctx: PageContext, next: Next) => Promise<void>;
  /** Serves plugin REST resources and pages; must run after authentication and the XSRF checks. */
  readonly dispatch: (ctx: PageContext, next: Next) => Promise<void>;
  /** Adds the "Manage apps" page and REST API to the host router. */
  addRoutes(router: Router<HostState>): void;
  /** Installs bundled plugins on first start, starts the enabled ones, and watches for CLI changes. */
  start(): Promise<void>;
  /** Stops watching and stops every plugin. */
  stop(): Promise<void>;
}

/** Creates the plugin system of a host: the catalog, the manager and the request dispatchers. */
export function createPluginSystem(services: HostServices): PluginSystem {
  const log = services.logging.loggers.getLogger('com.plughost.plugins');
  const catalog = new PluginCatalog(services.database.db, pluginsDirOf(services.options.dataDir), () => services.clock.now());
  const restRoutes = new RestRouteTable();
  const pages = new PageTable();
  const targets = { chain: services.chain, navigation: services.navigation, restRoutes, pages };
  const manager = new PluginManager(catalog, createServiceFactories(services), targets, services.pluginEvents, log);

  const adminPage = requireAdmin(services.flavour, services.baseUrl, services.users, services.renderer, () => services.adminPageGates);
  const guards = { login: requireLogin(services.flavour, services.baseUrl), admin: adminPage };
  const restDispatch = pluginRestDispatcher(restRoutes, services.users, () => services.adminRestGates);
  const pageDispatch = pluginPageDispatcher(pages, services.renderer, guards, services.baseUrl);
  let poller: NodeJS.Timeout | undefined;

  return {
    manager,
    parseUploads: multipartUploadParser(upmUploadPath, (name) => services.users.isAdmin(name)),
    dispatch: (ctx, next) => restDispatch(ctx, () => pageDispatch(ctx, next)),
    addRoutes(router) {
      services.navigation.addItem({ key: 'upm-admin-link', location: webLocations.systemAdminSection, label: 'Manage apps', url: upmPath, weight: 50, condition: 'admin' });
      addUpmPage(router, manager, services.renderer, services.baseUrl, adminPage);
      addPluginResources(router, manager, services.users, () => services.adminRestGates);
    },
    async start() {
      await offerBundledPlugins(catalog, log);
      await manager.startAll();
      poller = watchForExternalChanges(services, manager);
    },
    async stop() {
      if (poller) clearInterval(poller);
      await manager.stopAll();
    },
  };
}

/**
 * Polls SQLite's `data_version`, which changes only when another connection commits, and
 * reconciles the running plugins when it does. This is how `plughost plugin ...` reaches a
 * host that runs on the same data folder.
 */
function watchForExternalChanges(services: HostServices, manager: PluginManager): NodeJS.Timeout {
  const log = services.logging.loggers.getLogger('com.plughost.plugins');
  const dataVersion = () => services.database.sqlite.pragma('data_version', { simple: true }) as number;
  let seen = dataVersion();
  const timer = setInterval(() => {
    let current: number;
    try {
      current = dataVersion();
    } catch (error) {
      log.error('Checking the database for plugin changes failed', error);
      return;
    }
    if (current === seen) return;
    seen = current;
    manager.reconcile().catch((error: unknown) => log.error('Applying plugin changes made by another process failed', error));
  }, catalogPollIntervalMs);
  timer.unref();
  return timer;
}
