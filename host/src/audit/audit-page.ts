import type Router from '@koa/router';
import { InvalidInputError } from '@plughost/sdk';
import type { HostState } from '../server/host-state.js';
import type { PageContext } from '../web/page-guards.js';
import type { PageRenderer } from '../web/renderer.js';
import { parseAuditQuery, type AuditQuery } from './audit-query.js';
import type { AuditStore } from './audit-store.js';

type AdminGuard = (ctx: PageContext, next: () => Promise<void>) => Promise<void>;

/** Records per page of the audit log page. */
export const auditPageSize = 50;

/** The audit log page: filters (search text, category, time range), a table newest first, paging. */
export function addAuditPage(router: Router<HostState>, path: string, adminPage: AdminGuard, store: AuditStore, renderer: PageRenderer): void {
  router.get(path, adminPage, async (ctx) => {
    const filters = {
      search: text(ctx.query.search),
      categories: text(ctx.query.categories),
      from: text(ctx.query.from),
      to: text(ctx.query.to),
    };
    let query: AuditQuery;
    try {
      query = parseAuditQuery({
        ...ctx.query,
        limit: text(ctx.query.limit) || String(auditPageSize),
        from: asUtc(filters.from),
        to: asUtc(filters.to),
      });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const categories = (await store.categories()).map((name) => ({ name, selected: name === filters.categories }));
      await renderer.render(ctx, 'admin/audit-log', { title: 'Audit log', admin: true, status: 400 }, { filters, categories, error: error.message, records: [] });
      return;
    }

    const page = await store.find(query);
    const categories = (await store.categories()).map((name) => ({ name, selected: query.categories.includes(name) }));
    const pageLink = (offset: number) => `${path}?${new URLSearchParams({ ...filters, limit: String(query.limit), offset: String(offset) })}`;
    const records = page.records.map((record) => ({
      ...record,
      objectsText: record.affectedObjects.map((object) => `${object.name} (${object.type.toLowerCase()})`).join(', '),
      attributeList: Object.entries(record.attributes ?? {}).map(([key, value]) => ({ key, value })),
    }));
    await renderer.render(ctx, 'admin/audit-log', { title: 'Audit log', admin: true }, {
      filters,
      categories,
      records,
      total: page.total,
      first: page.total === 0 ? 0 : query.offset + 1,
      last: query.offset + page.records.length,
      previousLink: query.offset > 0 ? pageLink(Math.max(0, query.offset - query.limit)) : undefined,
      nextLink: query.offset + page.records.length < page.total ? pageLink(query.offset + query.limit) : undefined,
    });
  });
}

function text(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** The page's date-time inputs send `2026-12-04T07:25` without a zone; the page means UTC. */
function asUtc(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value}Z` : value;
}
