import type { PageModule, PageResult, UserService } from '@plughost/sdk';
import type { AdminConfiguration } from '../admin/admin-configuration.js';
import { adminPermissionsTemplate, adminSettingsTemplate } from './admin-template.js';
import { handlePermissionsPost, permissionsContext, permissionsFormOf, type PermissionsForm } from './admin-permissions-tab.js';
import { handleSettingsPost, settingsContext, settingsFormOf, type SettingsForm, type TabOutcome } from './admin-settings-tab.js';
import { formField } from './form-fields.js';

/** Path of the admin page below `/plugins/servlet/`. */
export const adminPagePath = 'apitokenauth/admin';

const pageTitle = 'API Token Authentication';

/**
 * Creates the admin page with the tabs "System-Wide Settings" (`?tab=settings`, the default)
 * and "Permissions" (`?tab=permissions`). Access `admin` makes the host check the admin group
 * and WebSudo, and every POST carries `atl_token`.
 */
export function createAdminPage(configuration: AdminConfiguration, users: UserService): PageModule {
  return {
    path: adminPagePath,
    access: 'admin',
    async handler(request) {
      const tab = request.method === 'POST' ? formField(request, 'tab') : (request.query['tab'] ?? '');
      if (tab === 'permissions') {
        const outcome = request.method === 'POST' ? await handlePermissionsPost(configuration, request) : { form: permissionsFormOf(configuration.getPermissions()) };
        return renderPermissions(outcome, users);
      }
      const outcome = request.method === 'POST' ? await handleSettingsPost(configuration, request) : { form: settingsFormOf(configuration.getSettings()) };
      return renderSettings(outcome);
    },
  };
}

function renderSettings(outcome: TabOutcome<SettingsForm>): PageResult {
  return {
    kind: 'render',
    title: pageTitle,
    template: adminSettingsTemplate,
    status: outcome.status ?? 200,
    context: { ...commonContext(outcome, 'settings'), ...settingsContext(outcome), settingsTab: true },
  };
}

async function renderPermissions(outcome: TabOutcome<PermissionsForm>, users: UserService): Promise<PageResult> {
  const groups = (await users.listGroups()).map((group) => group.toLowerCase()).sort();
  return {
    kind: 'render',
    title: pageTitle,
    template: adminPermissionsTemplate,
    status: outcome.status ?? 200,
    context: { ...commonContext(outcome, 'permissions'), ...permissionsContext(outcome, groups), permissionsTab: true },
  };
}

function commonContext(outcome: TabOutcome<unknown>, subject: 'settings' | 'permissions') {
  const errors = outcome.errors ?? [];
  const summary = errors.length === 1 ? 'one value is invalid' : `${errors.length} values are invalid`;
  return {
    success: outcome.success,
    notice: outcome.notice,
    errors,
    errorSummary: `The ${subject} were not saved because ${summary}:`,
    warnings: outcome.warnings ?? [],
  };
}
