import type { AuthenticatorModule } from './authenticator.js';
import type { PageModule } from './page.js';
import type { RestResourceModule } from './rest.js';
import type { UpgradeTaskModule } from './upgrade-task.js';
import type { WebItemModule, WebSectionModule } from './web.js';

/**
 * Registers a plugin's modules during init. Disabling the plugin removes all of them at once.
 *
 * @example
 * ```ts
 * init(deps, modules) {
 *   modules.addWebItem({ key: 'hi', location: webLocations.userMenu, label: 'Hi', url: '/plugins/servlet/hi' });
 * }
 * ```
 * @public
 */
export interface ModuleRegistry {
  addAuthenticator(module: AuthenticatorModule): void;
  addRestResource(module: RestResourceModule): void;
  addPage(module: PageModule): void;
  addWebSection(module: WebSectionModule): void;
  addWebItem(module: WebItemModule): void;
  addUpgradeTask(module: UpgradeTaskModule): void;
  /** Runs when the plugin is disabled or the host stops. */
  onStop(listener: () => void | Promise<void>): void;
}
