import type Router from '@koa/router';
import type { AdminRestGate } from '../rest/rest-access.js';
import { requireAdminUser } from '../rest/rest-access.js';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import { parseAuditQuery } from './audit-query.js';
import type { AuditStore } from './audit-store.js';

/**
 * `GET /rest/auditing/1.0/events?limit=&offset=&search=&categories=&from=&to=` (admin): one page
 * of audit records newest first, as `{"entities":[...],"pagingInfo":{...}}`.
 */
export function addAuditResource(router: Router<HostState>, store: AuditStore, users: UserDirectory, adminGates: () => readonly AdminRestGate[]): void {
  router.get('/rest/auditing/1.0/events', requireAdminUser(users, adminGates), async (ctx) => {
    const query = parseAuditQuery(ctx.query);
    const page = await store.find(query);
    ctx.body = {
      entities: page.records,
      pagingInfo: {
        offset: query.offset,
        limit: query.limit,
        size: page.records.length,
        total: page.total,
        lastPage: query.offset + page.records.length >= page.total,
      },
    };
  });
}
