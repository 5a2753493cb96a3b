import type Router from '@koa/router';
import type { HostServices } from '../../server/host.js';
import type { HostState } from '../../server/host-state.js';
import { requireAdmin } from '../../web/page-guards.js';
import { webSudoPageGate, webSudoRestGate } from './websudo-gates.js';
import { WebSudoGrants } from './websudo-grants.js';
import { addWebSudoPages } from './websudo-pages.js';
import { webSudoPathsOf } from './websudo-paths.js';

/**
 * Turns on WebSudo: a gate on every admin page and every admin REST call, the password prompt
 * and "Drop access". The host setting `webSudoEnabled` turns the gates off at run time.
 */
export function installWebSudo(services: HostServices, router: Router<HostState>): void {
  const { flavour, baseUrl, users, renderer, sessions, settings, clock, securityLog } = services;
  const grants = new WebSudoGrants(sessions, settings, () => clock.now());
  const paths = webSudoPathsOf(flavour);

  services.adminPageGates.push(webSudoPageGate(grants, paths, baseUrl, securityLog));
  services.adminRestGates.push(webSudoRestGate(grants));

  // The prompt itself needs an admin but must not pass through the WebSudo gate.
  const adminWithoutGates = requireAdmin(flavour, baseUrl, users, renderer, () => []);
  addWebSudoPages(router, services, grants, paths, adminWithoutGates);
}
