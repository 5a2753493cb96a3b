import type Router from '@koa/router';
import { webLocations, type Logger } from '@plughost/sdk';
import type { Kysely } from 'kysely';
import type { HostTables } from '../db/schema.js';
import type { HostSettings } from '../security/host-settings.js';
import type { HostServices } from '../server/host.js';
import type { HostState } from '../server/host-state.js';
import type { PageContext } from '../web/page-guards.js';
import { addAuditPage } from './audit-page.js';
import { addAuditResource } from './audit-rest.js';
import { HostAuditService } from './audit-service.js';
import { AuditStore } from './audit-store.js';
import { auditDirectoryEvents } from './directory-audit.js';

/** Creates the audit service on the host database. */
export function createAuditService(db: Kysely<HostTables>, settings: HostSettings, now: () => Date, log: Logger): HostAuditService {
  return new HostAuditService(new AuditStore(db), settings, now, log);
}

/**
 * Adds the audit REST resource, the audit log page and its navigation item, and records the
 * directory's user, group and membership changes.
 */
export function installAudit(
  services: HostServices,
  router: Router<HostState>,
  adminPage: (ctx: PageContext, next: () => Promise<void>) => Promise<void>,
): void {
  const { audit, flavour, users } = services;
  addAuditResource(router, audit.store, users, () => services.adminRestGates);
  addAuditPage(router, flavour.paths.auditLog, adminPage, audit.store, services.renderer);
  services.navigation.addItem({ key: 'audit_log', location: webLocations.systemAdminSection, label: 'Audit log', url: flavour.paths.auditLog, weight: 30, condition: 'admin' });
  auditDirectoryEvents(audit, users);
}
