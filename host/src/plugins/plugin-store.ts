import type { Kysely, Selectable } from 'kysely';
import type { HostTables, PluginsTable } from '../db/schema.js';
import type { PluginManifest } from './manifest.js';

export type PluginRecord = Selectable<PluginsTable>;
export type PluginState = PluginsTable['state'];

/**
 * The `plugins` table: what is installed, whether the admin enabled it, and its recorded
 * state. The host and the CLI both write it, so every change goes straight to the database.
 */
export class PluginStore {
  constructor(
    private readonly db: Kysely<HostTables>,
    private readonly now: () => Date,
  ) {}

  list(): Promise<PluginRecord[]> {
    return this.db.selectFrom('plugins').selectAll().orderBy('name').orderBy('key').execute();
  }

  find(key: string): Promise<PluginRecord | undefined> {
    return this.db.selectFrom('plugins').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Records an installed plugin, replacing an earlier version with the same key. */
  async save(manifest: PluginManifest, folder: string, enabled: boolean): Promise<void> {
    const time = this.now().getTime();
    const state: PluginState = enabled ? 'ENABLED' : 'DISABLED';
    await this.db
      .insertInto('plugins')
      .values({ key: manifest.key, name: manifest.name, version: manifest.version, path: folder, enabled: enabled ? 1 : 0, state, failure_reason: null, installed_at: time, updated_at: time })
      .onConflict((oc) => oc.column('key').doUpdateSet({ name: manifest.name, version: manifest.version, path: folder, enabled: enabled ? 1 : 0, state, failure_reason: null, installed_at: time, updated_at: time }))
      .execute();
  }

  async setEnabled(key: string, enabled: boolean): Promise<void> {
    await this.db
      .updateTable('plugins')
      .set({ enabled: enabled ? 1 : 0, state: enabled ? 'ENABLED' : 'DISABLED', failure_reason: null, updated_at: this.now().getTime() })
      .where('key', '=', key)
      .execute();
  }

  async setState(key: string, state: PluginState, failureReason: string | null = null): Promise<void> {
    await this.db
      .updateTable('plugins')
      .set({ state, failure_reason: failureReason, updated_at: this.now().getTime() })
      .where('key', '=', key)
      .execute();
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('plugins').where('key', '=', key).execute();
  }

  /** Forgets the completed upgrade tasks, when the data they upgraded is dropped. */
  async forgetUpgradeTasks(key: string): Promise<void> {
    await this.db.deleteFrom('plugin_upgrade_tasks').where('plugin_key', '=', key).execute();
  }

  async completedUpgradeTasks(key: string): Promise<Set<number>> {
    const rows = await this.db.selectFrom('plugin_upgrade_tasks').select('build_number').where('plugin_key', '=', key).execute();
    return new Set(rows.map((row) => row.build_number));
  }

  async recordUpgradeTask(key: string, buildNumber: number): Promise<void> {
    await this.db.insertInto('plugin_upgrade_tasks').values({ plugin_key: key, build_number: buildNumber, completed_at: this.now().getTime() }).execute();
  }

  /** Records that a bundled plugin was installed once; returns false when it already was. */
  async markBundledOffered(key: string): Promise<boolean> {
    const result = await this.db
      .insertInto('bundled_plugins_offered')
      .values({ key, offered_at: this.now().getTime() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
