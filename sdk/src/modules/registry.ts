import type { AuthenticatorModule } from './authenticator.js';
import type { PageModule } from './page.js';
import type { RestResourceModule } from './rest.js';
import type { UpgradeTaskModule } from './upgrade-task.js';
import type { WebItemModule, WebSectionModule } from './web.js';

/**
 * Registers a plugin's modules during init. The modules go into service together once init
 * and the upgrade tasks have succeeded; if init throws, none of them does. Disabling the
 * plugin removes all of them at once. Calling these methods after init returned throws.
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
  /** Runs when the plugin is disabled, uninstalled or fails to start, and when the host stops; its modules are already removed. */
  onStop(listener: () => void | Promise<void>): void;
}
