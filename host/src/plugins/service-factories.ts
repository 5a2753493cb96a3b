import { coreServices, type AuditService, type HostInfo } from '@plughost/sdk';
import type { HostServices } from '../server/host.js';
import { createPluginDatabase } from './plugin-database.js';
import { createPluginSettings } from './plugin-settings-store.js';

/** The plugin a service instance is made for. */
export interface PluginIdentity {
  readonly key: string;
  readonly name: string;
  readonly version: string;
}

/** Builds one service for one plugin. */
export type ServiceFactory = (plugin: PluginIdentity) => unknown;

/**
 * The services plugins may declare, by service reference id. A plugin that declares an id
 * missing here fails to start, with the id in its failure reason.
 */
export function createServiceFactories(services: HostServices): ReadonlyMap<string, ServiceFactory> {
  const hostInfo: HostInfo = {
    product: services.flavour.id,
    productName: services.flavour.name,
    baseUrl: services.baseUrl,
    loginPath: services.flavour.paths.login,
  };
  return new Map<string, ServiceFactory>([
    [coreServices.users.id, () => services.users],
    [coreServices.loggers.id, () => services.logging.loggers],
    [coreServices.settings.id, (plugin) => createPluginSettings(services.database.db, plugin.key)],
    [coreServices.database.id, (plugin) => createPluginDatabase(services.database.db, plugin.key)],
    [coreServices.clock.id, () => ({ now: () => services.clock.now() })],
    [coreServices.host.id, () => hostInfo],
    [coreServices.audit.id, (plugin) => auditFor(services, plugin)],
  ]);
}

// TODO: replace this lookup with `services.audit.forPlugin(plugin.key)` once the audit log
// adds its `audit` field to HostServices; until then a plugin that declares audit fails to start.
function auditFor(services: HostServices, plugin: PluginIdentity): AuditService {
  const audit = (services as unknown as { audit?: { forPlugin(key: string): AuditService } }).audit;
  if (!audit) throw new Error('the audit service (core.audit) is not available in this host');
  return audit.forPlugin(plugin.key);
}
