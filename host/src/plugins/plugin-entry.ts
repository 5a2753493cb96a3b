import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginDefinition } from '@plughost/sdk';
import type { PluginManifest } from './manifest.js';

let resolverRegistered = false;

/** Installs the SDK resolve hook once per process, before the first plugin is imported. */
export function registerPluginResolver(): void {
  if (resolverRegistered) return;
  resolverRegistered = true;
  register('./sdk-resolve-hook.js', import.meta.url, {
    data: { sdkUrl: import.meta.resolve('@plughost/sdk'), hostParentUrl: import.meta.url },
  });
}

/** A plugin that cannot start; the message is the failure reason shown to admins. */
export class PluginStartError extends Error {
  override name = 'PluginStartError';
}

/**
 * Imports a plugin's entry and checks that its default export is a `definePlugin(...)` result.
 * `revision` changes on every install, so a reinstalled version is imported afresh instead of
 * coming from the module cache.
 */
export async function importPluginEntry(folder: string, manifest: PluginManifest, revision: number): Promise<PluginDefinition> {
  const entryFile = path.resolve(folder, manifest.entry);
  if (!fs.existsSync(entryFile)) {
    throw new PluginStartError(`the entry ${manifest.entry} does not exist in ${folder}; build the plugin so that it contains this file, then enable it again`);
  }
  registerPluginResolver();
  let module: { default?: unknown };
  try {
    module = (await import(`${pathToFileURL(entryFile).href}?revision=${revision}`)) as { default?: unknown };
  } catch (error) {
    throw new PluginStartError(`loading the entry ${manifest.entry} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  const definition = module.default as Partial<PluginDefinition> | undefined;
  if (!definition || definition.$$type !== '@plughost/plugin' || typeof definition.init !== 'function' || typeof definition.deps !== 'object' || definition.deps === null) {
    throw new PluginStartError(`the entry ${manifest.entry} does not export a plugin: its default export must be the result of definePlugin(...) from @plughost/sdk`);
  }
  return definition as PluginDefinition;
}
