import type Router from '@koa/router';
import { webLocations } from '@plughost/sdk';
import type { HostServices } from '../../server/host.js';
import type { HostState } from '../../server/host-state.js';
import { formField, formOf, requireAdmin } from '../../web/page-guards.js';
import { applySecuritySettings, securitySettingsOf } from './apply-security-settings.js';
import { parseSecuritySettings } from './security-settings-input.js';

/** Returns the path of the flavour's security settings page, which sits in its system administration section. */
export function securitySettingsPagePath(flavourId: 'jira' | 'confluence'): string {
  return flavourId === 'jira' ? '/secure/admin/SecuritySettings.jspa' : '/admin/securityconfig.action';
}

/** Adds the admin page that edits the failed-login maximum and WebSudo, with its navigation item. */
export function addSecuritySettingsPage(router: Router<HostState>, services: HostServices): void {
  const { flavour, baseUrl, users, renderer, navigation, settings, securityLog } = services;
  const path = securitySettingsPagePath(flavour.id);
  const adminPage = requireAdmin(flavour, baseUrl, users, renderer, () => services.adminPageGates);
  const pageOptions = { title: 'Security settings', admin: true } as const;

  navigation.addItem({ key: 'security_settings', location: webLocations.systemAdminSection, label: 'Security settings', url: path, weight: 10, condition: 'admin' });

  router.get(path, adminPage, async (ctx) => {
    await renderer.render(ctx, 'security/security-settings', pageOptions, { values: securitySettingsOf(settings), saved: ctx.query.saved === 'true' });
  });

  router.post(path, adminPage, async (ctx) => {
    const form = formOf(ctx);
    const submitted = {
      maxAuthenticationAttempts: formField(form, 'maxAuthenticationAttempts'),
      webSudoEnabled: formField(form, 'webSudoEnabled'),
      webSudoTimeoutMinutes: formField(form, 'webSudoTimeoutMinutes'),
    };
    const parsed = parseSecuritySettings(submitted, 'page');
    if (!parsed.ok) {
      await renderer.render(ctx, 'security/security-settings', { ...pageOptions, status: 400 }, { values: { ...submitted, webSudoEnabled: submitted.webSudoEnabled !== 'false' }, errors: parsed.errors });
      return;
    }
    await applySecuritySettings(settings, parsed.changes, ctx.state.user!.name, securityLog);
    ctx.redirect(`${baseUrl}${path}?saved=true`);
  });
}
