import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from '@plughost/sdk';
import type { PluginCatalog } from './plugin-catalog.js';

/** Packages installed and enabled on a host's first start. */
export const bundledPluginPackages = ['@plughost/plugin-apitokenauth'] as const;

/** The folder of a bundled package, or undefined when it is not next to the host. */
function findPackageFolder(packageName: string): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  } catch {
    return undefined;
  }
}

/**
 * Records each bundled plugin once per data folder, loaded in place from its package folder.
 * An admin who uninstalls it later is not overruled on the next start.
 */
export async function offerBundledPlugins(catalog: PluginCatalog, log: Logger): Promise<void> {
  for (const packageName of bundledPluginPackages) {
    const folder = findPackageFolder(packageName);
    if (!folder || !fs.existsSync(path.join(folder, 'package.json'))) {
      log.warn(`The bundled plugin package ${packageName} is not installed next to the host; skipping it`);
      continue;
    }
    try {
      const record = await catalog.installInPlace(folder, { onlyOnce: true });
      if (record) log.info(`Installed the bundled plugin ${record.key} from ${folder}`);
    } catch (error) {
      log.error(`The bundled plugin package ${packageName} in ${folder} could not be installed`, error);
    }
  }
}
