import type {
  AuthenticatorModule,
  Logger,
  ModuleRegistry,
  PageModule,
  RestResourceModule,
  UpgradeTaskModule,
  WebItemModule,
  WebSectionModule,
} from '@plughost/sdk';
import type { AuthenticatorChain } from '../auth/authenticator-chain.js';
import type { Navigation } from '../web/navigation.js';
import type { PageTable } from './page-table.js';
import { compileRoutes, type RestRouteTable } from './rest-route-table.js';

/** The host registries a plugin's modules go into. */
export interface ModuleTargets {
  readonly chain: AuthenticatorChain;
  readonly navigation: Navigation;
  readonly restRoutes: RestRouteTable;
  readonly pages: PageTable;
}

type Activation = () => () => void;

/**
 * The ModuleRegistry handed to one plugin's init. Modules are checked when added but go live
 * only in `activate()`, after init and the upgrade tasks succeeded, so a failing plugin never
 * serves half its modules. `deactivate()` removes everything at once.
 */
export class PluginModuleRegistry implements ModuleRegistry {
  private readonly activations: Activation[] = [];
  private readonly removers: Array<() => void> = [];
  private readonly stopListeners: Array<() => void | Promise<void>> = [];
  private readonly upgradeTasks: UpgradeTaskModule[] = [];
  private open = true;

  constructor(
    private readonly pluginKey: string,
    private readonly targets: ModuleTargets,
    private readonly log: Logger,
  ) {}

  addAuthenticator(module: AuthenticatorModule): void {
    this.checkOpen('addAuthenticator');
    if (typeof module?.name !== 'string' || module.name === '' || typeof module.authenticate !== 'function' || !Number.isFinite(module.weight)) {
      throw new TypeError(`plugin ${this.pluginKey} registered an authenticator without a name, a numeric weight and an authenticate function`);
    }
    this.activations.push(() => this.targets.chain.add(module));
  }

  addRestResource(module: RestResourceModule): void {
    this.checkOpen('addRestResource');
    const resourceKey = module?.key ?? this.pluginKey;
    const routes = compileRoutes(this.pluginKey, module?.routes);
    const mount = { pluginKey: this.pluginKey, resourceKey, version: String(module?.version), routes };
    this.activations.push(() => this.targets.restRoutes.add(mount));
  }

  addPage(module: PageModule): void {
    this.checkOpen('addPage');
    this.activations.push(() => this.targets.pages.add(this.pluginKey, module));
  }

  addWebSection(module: WebSectionModule): void {
    this.checkOpen('addWebSection');
    if (typeof module?.key !== 'string' || typeof module.label !== 'string') {
      throw new TypeError(`plugin ${this.pluginKey} registered a web section without a key and a label`);
    }
    this.activations.push(() => this.targets.navigation.addSection(module));
  }

  addWebItem(module: WebItemModule): void {
    this.checkOpen('addWebItem');
    if (typeof module?.key !== 'string' || typeof module.location !== 'string' || typeof module.label !== 'string' || typeof module.url !== 'string') {
      throw new TypeError(`plugin ${this.pluginKey} registered a web item without a key, location, label and url`);
    }
    if (!module.url.startsWith('/') || module.url.startsWith('//')) {
      throw new TypeError(`plugin ${this.pluginKey} registered the web item ${module.key} with url ${JSON.stringify(module.url)}: use a path starting with a single /`);
    }
    this.activations.push(() => this.targets.navigation.addItem(module));
  }

  addUpgradeTask(module: UpgradeTaskModule): void {
    this.checkOpen('addUpgradeTask');
    if (!Number.isSafeInteger(module?.buildNumber) || module.buildNumber < 0 || typeof module.run !== 'function') {
      throw new TypeError(`plugin ${this.pluginKey} registered an upgrade task without a non-negative integer buildNumber and a run function`);
    }
    if (this.upgradeTasks.some((task) => task.buildNumber === module.buildNumber)) {
      throw new TypeError(`plugin ${this.pluginKey} registered two upgrade tasks with buildNumber ${module.buildNumber}`);
    }
    this.upgradeTasks.push(module);
  }

  onStop(listener: () => void | Promise<void>): void {
    if (typeof listener !== 'function') throw new TypeError(`plugin ${this.pluginKey} passed a non-function to onStop`);
    this.stopListeners.push(listener);
  }

  /** The upgrade tasks in ascending build number. */
  sortedUpgradeTasks(): UpgradeTaskModule[] {
    return [...this.upgradeTasks].sort((a, b) => a.buildNumber - b.buildNumber);
  }

  /** Puts every registered module into service; on a conflict removes those already added and throws. */
  activate(): void {
    this.open = false;
    try {
      for (const activation of this.activations) this.removers.push(activation());
    } catch (error) {
      this.removeModules();
      throw error;
    }
  }

  /** Removes every module, then runs the stop listeners; a failing listener is logged and skipped. */
  async deactivate(): Promise<void> {
    this.open = false;
    this.removeModules();
    for (const listener of this.stopListeners.splice(0)) {
      try {
        await listener();
      } catch (error) {
        this.log.error(`A stop listener of plugin ${this.pluginKey} failed`, error);
      }
    }
  }

  private removeModules(): void {
    for (const remove of this.removers.splice(0).reverse()) remove();
  }

  // Registering after init would bypass activate() and deactivate().
  private checkOpen(method: string): void {
    if (!this.open) throw new TypeError(`plugin ${this.pluginKey} called modules.${method} after its init finished; register modules inside init`);
  }
}
