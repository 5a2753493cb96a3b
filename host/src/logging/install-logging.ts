import type Router from '@koa/router';
import { webLocations } from '@plughost/sdk';
import type { Kysely } from 'kysely';
import type { HostAuditService } from '../audit/audit-service.js';
import type { HostTables } from '../db/schema.js';
import type { HostServices } from '../server/host.js';
import type { HostState } from '../server/host-state.js';
import type { PageContext } from '../web/page-guards.js';
import { addLoggingPage } from './logging-page.js';
import { LoggingLevels } from './logging-levels.js';
import { addLoggingResource } from './logging-rest.js';
import { addTestLogRoute } from './test-log-route.js';
import type { HostLogging } from './logger-factory.js';

/** Creates the logging levels service and applies the persistent levels stored by an earlier run. */
export async function createLoggingLevels(logging: HostLogging, db: Kysely<HostTables>, audit: HostAuditService): Promise<LoggingLevels> {
  const levels = new LoggingLevels(logging.levels, db, audit);
  await levels.load();
  return levels;
}

/**
 * Adds logging levels and adds the logging page, its navigation item, the
 * logging REST resource and, with `--test-clock`, the test log route.
 */
export function installLogging(
  services: HostServices,
  router: Router<HostState>,
  adminPage: (ctx: PageContext, next: () => Promise<void>) => Promise<void>,
): void {
  const { flavour, users, loggingLevels: levels } = services;
  const adminGates = () => services.adminRestGates;
  addLoggingResource(router, levels, users, adminGates);
  addLoggingPage(router, flavour.paths.logging, services.baseUrl, adminPage, levels, services.renderer);
  services.navigation.addItem({ key: 'logging', location: webLocations.systemAdminSection, label: 'Logging', url: flavour.paths.logging, weight: 40, condition: 'admin' });
  if (services.options.testClock) {
    services.log.warn('Test hooks are on: administrators can write log lines on any logger through /rest/plughost/1.0/test/log');
    addTestLogRoute(router, services.logging.loggers, users, adminGates);
  }
}
