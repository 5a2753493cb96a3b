import type { Logger } from '@plughost/sdk';
import { readManifest } from './manifest.js';
import { PluginModuleRegistry, type ModuleTargets } from './module-registry.js';
import type { PluginCatalog } from './plugin-catalog.js';
import { importPluginEntry, PluginStartError } from './plugin-entry.js';
import type { PluginEvents, PluginEvent } from './plugin-events.js';
import type { PluginRecord } from './plugin-store.js';
import type { PluginIdentity, ServiceFactory } from './service-factories.js';

interface RunningPlugin {
  readonly identity: PluginIdentity;
  readonly installedAt: number;
  readonly registry: PluginModuleRegistry;
}

/**
 * Runs the enabled plugins of a host and keeps them in line with the catalog. Every operation
 * goes through one queue, so an admin action and a change noticed from the CLI never overlap.
 */
export class PluginManager {
  private readonly running = new Map<string, RunningPlugin>();
  /** Keys and identities seen in the catalog, to tell installs and uninstalls made elsewhere. */
  private readonly known = new Map<string, PluginIdentity>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly catalog: PluginCatalog,
    private readonly factories: ReadonlyMap<string, ServiceFactory>,
    private readonly targets: ModuleTargets,
    private readonly events: PluginEvents,
    private readonly log: Logger,
  ) {}

  /** Starts every enabled plugin, including ones that failed last time (they may be fixed now). */
  startAll(): Promise<void> {
    return this.serialize(async () => {
      for (const record of await this.catalog.store.list()) {
        this.known.set(record.key, identityOf(record));
        if (record.enabled === 1) await this.startPlugin(record);
      }
    });
  }

  /** Stops every running plugin, for host shutdown. The records keep their enabled flag. */
  stopAll(): Promise<void> {
    return this.serialize(async () => {
      for (const key of [...this.running.keys()]) await this.stopPlugin(key);
    });
  }

  /** Whether a plugin's modules are in service now. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Installs from a folder or `.tgz`, starts the plugin, and returns its record after the start. */
  install(source: string): Promise<PluginRecord> {
    return this.serialize(async () => {
      const record = await this.catalog.install(source);
      if (this.running.has(record.key)) await this.stopPlugin(record.key);
      await this.announceInstall(record);
      await this.startPlugin(record);
      return this.catalog.require(record.key);
    });
  }

  /** Enables (and starts) or disables (and stops) a plugin; returns its record afterwards. */
  setEnabled(key: string, enabled: boolean): Promise<PluginRecord> {
    return this.serialize(async () => {
      const record = await this.catalog.setEnabled(key, enabled);
      if (enabled) {
        if (this.running.has(key)) await this.stopPlugin(key);
        await this.startPlugin(record);
      } else {
        await this.stopPlugin(key);
        await this.publish('plugin.disabled', identityOf(record));
      }
      return this.catalog.require(key);
    });
  }

  /** Stops and uninstalls a plugin, dropping its tables and settings when `dropData` is set. */
  uninstall(key: string, dropData: boolean): Promise<{ record: PluginRecord; droppedTables: string[] }> {
    return this.serialize(async () => {
      await this.catalog.require(key);
      await this.stopPlugin(key);
      const result = await this.catalog.uninstall(key, dropData);
      this.known.delete(key);
      this.log.info(`Uninstalled plugin ${key}${dropData ? `, dropping ${result.droppedTables.length} tables and its settings` : ', keeping its data'}`);
      await this.publish('plugin.uninstalled', identityOf(result.record));
      return result;
    });
  }

  /**
   * Applies changes another process (the CLI) made to the catalog: starts plugins enabled or
   * reinstalled there, stops those disabled or uninstalled. Plugins recorded as FAILED are
   * left alone until someone enables them again.
   */
  reconcile(): Promise<void> {
    return this.serialize(async () => {
      const records = await this.catalog.store.list();
      const byKey = new Map(records.map((record) => [record.key, record]));
      for (const [key, identity] of [...this.known]) {
        if (byKey.has(key)) continue;
        await this.stopPlugin(key);
        this.known.delete(key);
        await this.publish('plugin.uninstalled', identity);
      }
      for (const record of records) {
        if (!this.known.has(record.key)) await this.announceInstall(record);
        const running = this.running.get(record.key);
        if (running && (record.enabled !== 1 || running.installedAt !== record.installed_at)) {
          await this.stopPlugin(record.key);
          if (record.enabled !== 1) await this.publish('plugin.disabled', identityOf(record));
        }
        if (record.enabled === 1 && record.state === 'ENABLED' && !this.running.has(record.key)) await this.startPlugin(record);
      }
    });
  }

  private async announceInstall(record: PluginRecord): Promise<void> {
    this.known.set(record.key, identityOf(record));
    this.log.info(`Installed plugin ${record.key} ${record.version} from ${record.path}`);
    await this.publish('plugin.installed', identityOf(record));
  }

  /** Starts one plugin. A failure is recorded with its reason and logged; it never throws. */
  private async startPlugin(record: PluginRecord): Promise<void> {
    const identity = identityOf(record);
    const registry = new PluginModuleRegistry(record.key, this.targets, this.log);
    try {
      const manifest = readManifest(record.path);
      if (manifest.key !== record.key) throw new PluginStartError(`the package in ${record.path} now has the key ${manifest.key}; reinstall it`);
      const definition = await importPluginEntry(record.path, manifest, record.installed_at);
      const services = this.injectServices(identity, definition.deps);
      try {
        await definition.init(services, registry);
      } catch (error) {
        throw new PluginStartError(`init failed: ${messageOf(error)}`, { cause: error });
      }
      await this.runUpgradeTasks(record.key, registry);
      registry.activate();
    } catch (error) {
      await registry.deactivate();
      const reason = error instanceof PluginStartError ? error.message : messageOf(error);
      this.log.error(`Plugin ${record.key} ${record.version} failed to start: ${reason}`, error instanceof PluginStartError ? error.cause : error);
      await this.catalog.store.setState(record.key, 'FAILED', reason);
      return;
    }
    this.running.set(record.key, { identity, installedAt: record.installed_at, registry });
    await this.catalog.store.setState(record.key, 'ENABLED');
    this.log.info(`Enabled plugin ${record.key} ${record.version}`);
    await this.publish('plugin.enabled', identity);
  }

  private injectServices(plugin: PluginIdentity, deps: Readonly<Record<string, { id?: unknown }>>): Record<string, unknown> {
    const services: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(deps)) {
      const id = typeof ref?.id === 'string' ? ref.id : String(ref?.id);
      const factory = this.factories.get(id);
      if (!factory) throw new PluginStartError(`it declares the unknown service ${id} (as "${name}"); this host provides ${[...this.factories.keys()].join(', ')}`);
      try {
        services[name] = factory(plugin);
      } catch (error) {
        throw new PluginStartError(`the service ${id} (as "${name}") is not available: ${messageOf(error)}`, { cause: error });
      }
    }
    return services;
  }

  private async runUpgradeTasks(key: string, registry: PluginModuleRegistry): Promise<void> {
    const completed = await this.catalog.store.completedUpgradeTasks(key);
    for (const task of registry.sortedUpgradeTasks()) {
      if (completed.has(task.buildNumber)) continue;
      try {
        await task.run();
      } catch (error) {
        throw new PluginStartError(`upgrade task ${task.buildNumber} (${task.description}) failed: ${messageOf(error)}`, { cause: error });
      }
      await this.catalog.store.recordUpgradeTask(key, task.buildNumber);
      this.log.info(`Plugin ${key} completed upgrade task ${task.buildNumber}: ${task.description}`);
    }
  }

  private async stopPlugin(key: string): Promise<void> {
    const running = this.running.get(key);
    if (!running) return;
    this.running.delete(key);
    await running.registry.deactivate();
    this.log.info(`Stopped plugin ${key}`);
  }

  private async publish(type: PluginEvent['type'], identity: PluginIdentity): Promise<void> {
    await this.events.publish({ type, ...identity });
  }

  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function identityOf(record: PluginRecord): PluginIdentity {
  return { key: record.key, name: record.name, version: record.version };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
