import type Router from '@koa/router';
import type { Next } from 'koa';
import { InvalidInputError, PlughostError } from '@plughost/sdk';
import type { HostState } from '../server/host-state.js';
import type { PageRenderer } from '../web/renderer.js';
import { formField, formOf, type PageContext } from '../web/page-guards.js';
import type { PluginManager } from './plugin-manager.js';
import { toPluginView } from './plugin-view.js';
import { ActionOutcomes } from './action-outcomes.js';
import { uploadedFileOf } from './upload-parser.js';

export const upmPath = '/plugins/servlet/upm';
export const upmUploadPath = `${upmPath}/upload`;

/**
 * The "Manage apps" admin page: the installed plugins with state and failure reason, upload
 * of a `.tgz`, enable, disable and uninstall with a keep or drop data choice. Every form
 * carries `atl_token`, which the host checks before these routes run.
 */
export function addUpmPage(
  router: Router<HostState>,
  manager: PluginManager,
  renderer: PageRenderer,
  baseUrl: string,
  adminPage: (ctx: PageContext, next: Next) => Promise<void>,
): void {
  const show = async (ctx: PageContext, message?: { kind: 'success' | 'error'; text: string }, status = 200) => {
    const plugins = (await manager.catalog.store.list()).map(toPluginView);
    await renderer.render(ctx, 'plugins/upm', { title: 'Manage apps', admin: true, status }, { plugins, message });
  };

  const outcomes = new ActionOutcomes();

  /** Runs an action and shows its outcome; SDK errors become a message on the page. */
  const act = async (ctx: PageContext, action: () => Promise<string>) => {
    try {
      const text = await action();
      const id = outcomes.put(ctx.state.user!.name, text);
      ctx.redirect(`${baseUrl}${upmPath}?outcome=${id}`);
    } catch (error) {
      if (!(error instanceof PlughostError)) throw error;
      await show(ctx, { kind: 'error', text: error.message }, error.status);
    }
  };

  router.get(upmPath, adminPage, async (ctx) => {
    const done = outcomes.take(ctx.state.user!.name, ctx.query.outcome);
    await show(ctx, done ? { kind: 'success', text: done } : undefined);
  });

  router.post(upmUploadPath, adminPage, async (ctx) => {
    await act(ctx, async () => {
      const upload = uploadedFileOf(ctx);
      if (!upload) throw new InvalidInputError('Choose a plugin archive (.tgz made by npm pack) to upload.');
      if (upload.truncated) throw new InvalidInputError(`${upload.filename} is larger than the upload limit.`);
      const record = await manager.install(upload.file);
      return record.state === 'FAILED' ? `Installed ${record.name} ${record.version}, but it failed to start: ${record.failure_reason}` : `Installed and enabled ${record.name} ${record.version}.`;
    });
  });

  router.post(`${upmPath}/enable`, adminPage, async (ctx) => {
    await act(ctx, async () => {
      const record = await manager.setEnabled(formField(formOf(ctx), 'key'), true);
      return record.state === 'FAILED' ? `${record.name} failed to start: ${record.failure_reason}` : `Enabled ${record.name}.`;
    });
  });

  router.post(`${upmPath}/disable`, adminPage, async (ctx) => {
    await act(ctx, async () => `Disabled ${(await manager.setEnabled(formField(formOf(ctx), 'key'), false)).name}.`);
  });

  router.post(`${upmPath}/uninstall`, adminPage, async (ctx) => {
    await act(ctx, async () => {
      const form = formOf(ctx);
      const data = formField(form, 'data');
      if (data !== 'keep' && data !== 'drop') throw new InvalidInputError('Choose whether to keep or drop the app\'s data.');
      const { record, droppedTables } = await manager.uninstall(formField(form, 'key'), data === 'drop');
      return data === 'drop' ? `Uninstalled ${record.name} and dropped its data (${droppedTables.length} tables).` : `Uninstalled ${record.name}; its data was kept.`;
    });
  });
}

