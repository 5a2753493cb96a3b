import type Router from '@koa/router';
import { InvalidInputError } from '@plughost/sdk';
import type { HostState } from '../server/host-state.js';
import { formField, formOf, type PageContext } from '../web/page-guards.js';
import type { PageRenderer } from '../web/renderer.js';
import { configurableLevels } from './levels.js';
import type { LoggingLevels } from './logging-levels.js';

type AdminGuard = (ctx: PageContext, next: () => Promise<void>) => Promise<void>;

/**
 * The logging page: configured loggers with their levels, a form per logger to change its
 * level, and a form to set a level for another package. Every form carries `atl_token`.
 */
export function addLoggingPage(router: Router<HostState>, path: string, baseUrl: string, adminPage: AdminGuard, levels: LoggingLevels, renderer: PageRenderer): void {
  const show = async (ctx: PageContext, extra: { error?: string; changed?: string; status?: number; form?: Record<string, string> }) => {
    const loggers = levels.list().map((logger) => ({
      ...logger,
      options: configurableLevels.map((level) => ({ level, selected: level === logger.level })),
    }));
    const addForm = extra.form ?? { name: '', level: 'INFO' };
    await renderer.render(ctx, 'admin/logging', { title: 'Logging', admin: true, status: extra.status ?? 200 }, {
      loggers,
      levelOptions: configurableLevels.map((level) => ({ level, selected: level === addForm.level })),
      addName: addForm.name,
      error: extra.error,
      changed: extra.changed,
    });
  };

  router.get(path, adminPage, async (ctx) => {
    const changed = typeof ctx.query.changed === 'string' ? ctx.query.changed : undefined;
    await show(ctx, { changed });
  });

  router.post(path, adminPage, async (ctx) => {
    const form = formOf(ctx);
    const name = formField(form, 'name');
    const level = formField(form, 'level');
    try {
      const result = await levels.set(name, level, formField(form, 'persistent') === 'on');
      // Post/redirect/get, so reloading the page does not send the change again.
      ctx.redirect(`${baseUrl}${path}?changed=${encodeURIComponent(result.name)}`);
      ctx.status = 303;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const fieldMessages = Object.values(error.fieldErrors ?? {});
      await show(ctx, { error: fieldMessages.join(' ') || error.message, status: 400, form: { name, level } });
    }
  });
}
