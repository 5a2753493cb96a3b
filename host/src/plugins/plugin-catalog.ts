import type { Kysely } from 'kysely';
import { InvalidInputError, NotFoundError } from '@plughost/sdk';
import type { HostTables } from '../db/schema.js';
import { InvalidPluginError, readManifest } from './manifest.js';
import { dropPluginTables } from './plugin-database.js';
import { removePluginFolder, unpackPlugin } from './plugin-files.js';
import { dropPluginSettings } from './plugin-settings-store.js';
import { PluginStore, type PluginRecord } from './plugin-store.js';

/**
 * The installed plugins as files and database rows, without running them. The CLI changes
 * plugins through this class alone; the host's PluginManager uses it and starts or stops
 * the plugins to match.
 */
export class PluginCatalog {
  readonly store: PluginStore;

  constructor(
    private readonly db: Kysely<HostTables>,
    readonly pluginsDir: string,
    now: () => Date,
  ) {
    this.store = new PluginStore(db, now);
  }

  /** Unpacks a folder or `.tgz` and records the plugin as enabled. Bad packages are InvalidInputError. */
  async install(source: string): Promise<PluginRecord> {
    let unpacked;
    try {
      unpacked = await unpackPlugin(source, this.pluginsDir);
    } catch (error) {
      if (error instanceof InvalidPluginError) throw new InvalidInputError(error.message);
      throw error;
    }
    await this.store.save(unpacked.manifest, unpacked.folder, true);
    return this.require(unpacked.manifest.key);
  }

  /**
   * Records a plugin that is loaded from where it is, such as one shipped with the host. With
   * `onlyOnce`, a key recorded this way before is skipped and undefined is returned.
   */
  async installInPlace(folder: string, options: { onlyOnce?: boolean } = {}): Promise<PluginRecord | undefined> {
    const manifest = readManifest(folder);
    if (options.onlyOnce && !(await this.store.markBundledOffered(manifest.key))) return undefined;
    await this.store.save(manifest, folder, true);
    return this.require(manifest.key);
  }

  async setEnabled(key: string, enabled: boolean): Promise<PluginRecord> {
    await this.require(key);
    await this.store.setEnabled(key, enabled);
    return this.require(key);
  }

  /**
   * Removes a plugin's record and files. With `dropData` also its settings and every table with
   * its prefix; without, both stay for a later reinstall. Returns the record and dropped tables.
   */
  async uninstall(key: string, dropData: boolean): Promise<{ record: PluginRecord; droppedTables: string[] }> {
    const record = await this.require(key);
    await this.store.remove(key);
    let droppedTables: string[] = [];
    if (dropData) {
      droppedTables = await dropPluginTables(this.db, key);
      await dropPluginSettings(this.db, key);
      await this.store.forgetUpgradeTasks(key);
    }
    removePluginFolder(record.path, this.pluginsDir);
    return { record, droppedTables };
  }

  /** The record of an installed plugin, or NotFoundError naming the key. */
  async require(key: string): Promise<PluginRecord> {
    const record = await this.store.find(key);
    if (!record) throw new NotFoundError(`No plugin with the key ${key} is installed. List the installed plugins with: plugin list`);
    return record;
  }
}
