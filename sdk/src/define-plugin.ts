import type { ModuleRegistry } from './modules/registry.js';
import type { ServiceOf, ServiceRef } from './service-ref.js';

/**
 * A map of dependency names to service references.
 *
 * @example
 * ```ts
 * const deps = { users: coreServices.users, clock: coreServices.clock } satisfies DependencyRefs;
 * ```
 * @public
 */
export type DependencyRefs = Readonly<Record<string, ServiceRef<unknown>>>;

/**
 * The services injected for a map of references: each name gets the service its reference
 * points to, and names that were not declared do not exist.
 *
 * @example
 * ```ts
 * const deps = { clock: coreServices.clock };
 * function expiry(services: InjectedServices<typeof deps>): Date {
 *   return new Date(services.clock.now().getTime() + 86_400_000);
 * }
 * ```
 * @public
 */
export type InjectedServices<TDeps extends DependencyRefs> = {
  readonly [K in keyof TDeps]: ServiceOf<TDeps[K]>;
};

/**
 * Options of `definePlugin`.
 *
 * @example
 * ```ts
 * const options: PluginOptions<{ log: typeof coreServices.loggers }> = {
 *   deps: { log: coreServices.loggers },
 *   init({ log }) { log.getLogger('com.example.hello').info('started'); },
 * };
 * export default definePlugin(options);
 * ```
 * @public
 */
export interface PluginOptions<TDeps extends DependencyRefs> {
  /** The services this plugin uses. It receives exactly these at init, and no others. */
  readonly deps: TDeps;
  /** Registers the plugin's modules. Throwing marks the plugin as failed. */
  init(services: InjectedServices<TDeps>, modules: ModuleRegistry): void | Promise<void>;
}

/**
 * A plugin definition, the default export of a plugin's entry module. Create it with
 * `definePlugin`; the host checks `$$type` before it calls `init`.
 *
 * @example
 * ```ts
 * const plugin: PluginDefinition = definePlugin({ deps: {}, init() {} });
 * export default plugin;
 * ```
 * @public
 */
export interface PluginDefinition<TDeps extends DependencyRefs = DependencyRefs> {
  readonly $$type: '@plughost/plugin';
  readonly deps: TDeps;
  init(services: InjectedServices<TDeps>, modules: ModuleRegistry): void | Promise<void>;
}

/**
 * Declares a plugin. The plugin key and name come from the `plughost` field of its
 * `package.json`.
 *
 * @example
 * ```ts
 * import { coreServices, definePlugin } from '@plughost/sdk';
 *
 * export default definePlugin({
 *   deps: { users: coreServices.users },
 *   init({ users }, modules) {
 *     modules.addRestResource({
 *       version: '1.0',
 *       routes: [{ method: 'GET', path: '/admins', access: 'admin',
 *         handler: async () => ({ body: { group: users.adminGroup } }) }],
 *     });
 *   },
 * });
 * ```
 * @public
 */
export function definePlugin<TDeps extends DependencyRefs>(options: PluginOptions<TDeps>): PluginDefinition<TDeps> {
  if (typeof options?.init !== 'function') {
    throw new TypeError('definePlugin requires an init function');
  }
  if (options.deps === null || typeof options.deps !== 'object') {
    throw new TypeError('definePlugin requires a deps object, which may be empty');
  }
  return { $$type: '@plughost/plugin', deps: options.deps, init: options.init };
}
