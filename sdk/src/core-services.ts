import { createServiceRef } from './service-ref.js';
import type { AuditService } from './services/audit.js';
import type { Clock } from './services/clock.js';
import type { PluginDatabase } from './services/database.js';
import type { LoggerFactory } from './services/logger.js';
import type { PluginSettings } from './services/settings.js';
import type { UserService } from './services/users.js';

/**
 * Facts about the running host.
 *
 * @example
 * ```ts
 * definePlugin({
 *   deps: { host: coreServices.host },
 *   init({ host }) { console.log(`running in ${host.productName} at ${host.baseUrl}`); },
 * });
 * ```
 * @public
 */
export interface HostInfo {
  readonly product: 'jira' | 'confluence';
  /** Display name: `Jira` or `Confluence`. */
  readonly productName: string;
  readonly baseUrl: string;
  /** Path of the flavour's login page, for example `/login.jsp`. */
  readonly loginPath: string;
}

/**
 * References to the services every host provides.
 *
 * @example
 * ```ts
 * definePlugin({
 *   deps: { users: coreServices.users, log: coreServices.loggers },
 *   init({ users, log }) { log.getLogger('com.example').info(users.adminGroup); },
 * });
 * ```
 * @public
 */
export const coreServices = {
  users: createServiceRef<UserService>({ id: 'core.users' }),
  audit: createServiceRef<AuditService>({ id: 'core.audit' }),
  loggers: createServiceRef<LoggerFactory>({ id: 'core.loggers' }),
  settings: createServiceRef<PluginSettings>({ id: 'core.settings' }),
  database: createServiceRef<PluginDatabase>({ id: 'core.database' }),
  clock: createServiceRef<Clock>({ id: 'core.clock' }),
  host: createServiceRef<HostInfo>({ id: 'core.host' }),
} as const;
