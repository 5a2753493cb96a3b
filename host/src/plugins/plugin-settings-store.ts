import type { Kysely } from 'kysely';
import type { PluginSettings } from '@plughost/sdk';
import type { HostTables } from '../db/schema.js';

/** Longest setting key a plugin may use, in characters. */
export const maxSettingKeyLength = 200;

/** The settings service of one plugin: rows of `plugin_settings` with its key, values as JSON. */
export function createPluginSettings(db: Kysely<HostTables>, pluginKey: string): PluginSettings {
  const checkKey = (key: string) => {
    if (typeof key !== 'string' || key.length === 0 || key.length > maxSettingKeyLength) {
      throw new TypeError(`plugin ${pluginKey} used an invalid setting key ${JSON.stringify(key)}: use a non-empty string of at most ${maxSettingKeyLength} characters`);
    }
  };
  return {
    async get<T = unknown>(key: string): Promise<T | undefined> {
      checkKey(key);
      const row = await db.selectFrom('plugin_settings').select('value').where('plugin_key', '=', pluginKey).where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      checkKey(key);
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`plugin ${pluginKey} tried to store a value for ${key} that has no JSON form; use remove() to delete a setting`);
      await db
        .insertInto('plugin_settings')
        .values({ plugin_key: pluginKey, key, value: text })
        .onConflict((oc) => oc.columns(['plugin_key', 'key']).doUpdateSet({ value: text }))
        .execute();
    },
    async remove(key: string): Promise<void> {
      checkKey(key);
      await db.deleteFrom('plugin_settings').where('plugin_key', '=', pluginKey).where('key', '=', key).execute();
    },
  };
}

/** Deletes every setting of a plugin, when it is uninstalled with its data. */
export async function dropPluginSettings(db: Kysely<HostTables>, pluginKey: string): Promise<void> {
  await db.deleteFrom('plugin_settings').where('plugin_key', '=', pluginKey).execute();
}
