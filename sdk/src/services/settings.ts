/**
 * A key/value store private to one plugin. Values are JSON.
 *
 * @example
 * ```ts
 * await settings.set('greeting', { text: 'hello' });
 * const greeting = await settings.get<{ text: string }>('greeting');
 * ```
 * @public
 */
export interface PluginSettings {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}
