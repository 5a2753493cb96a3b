import type Router from '@koa/router';
import type { HostServices } from '../server/host.js';
import type { HostState } from '../server/host-state.js';
import { addCaptchaTestRoute } from './captcha/captcha-test-route.js';
import { addFailedLoginResources } from './failed-login-resources.js';
import { addSecuritySettingsPage } from './settings/security-settings-page.js';
import { addSecuritySettingsResource } from './settings/security-settings-rest.js';
import { installWebSudo } from './websudo/install-websudo.js';

/** Adds WebSudo, the security settings page and REST resource, and the failed-login reset resource. */
export function installSecurity(services: HostServices, router: Router<HostState>): void {
  installWebSudo(services, router);
  addSecuritySettingsPage(router, services);
  addSecuritySettingsResource(router, services);
  addFailedLoginResources(router, services);
  if (services.options.testClock) addCaptchaTestRoute(router, services.captchaChallenges, services.log);
}
