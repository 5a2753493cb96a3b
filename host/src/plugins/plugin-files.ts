import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as tar from 'tar';
import { InvalidPluginError, readManifest, type PluginManifest } from './manifest.js';

/** The folder installed plugins are unpacked into: `<data-dir>/plugins`. */
export function pluginsDirOf(dataDir: string): string {
  return path.join(dataDir, 'plugins');
}

/**
 * Copies a plugin folder or unpacks an npm-packed `.tgz` into `<pluginsDir>/<key>/`,
 * replacing an earlier version. Returns the manifest and the installed folder.
 * Throws InvalidPluginError when the source is not a plugin package.
 */
export async function unpackPlugin(source: string, pluginsDir: string): Promise<{ manifest: PluginManifest; folder: string }> {
  const resolved = path.resolve(source);
  let stat;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new InvalidPluginError(`${resolved} does not exist. Give a plugin folder or a .tgz made by npm pack.`);
  }
  fs.mkdirSync(pluginsDir, { recursive: true });
  const staging = path.join(pluginsDir, `.staging-${randomBytes(6).toString('hex')}`);
  try {
    if (stat.isDirectory()) {
      // A development folder's node_modules is left out: the host resolves @plughost/sdk and its
      // own libraries for plugins, and other dependencies belong in bundleDependencies.
      fs.cpSync(resolved, staging, { recursive: true, filter: (file) => !isSkipped(resolved, file) });
    } else if (/\.(tgz|tar\.gz)$/i.test(resolved)) {
      fs.mkdirSync(staging);
      await extractArchive(resolved, staging);
    } else {
      throw new InvalidPluginError(`${resolved} is neither a folder nor a .tgz archive. Give a plugin folder or the file npm pack wrote.`);
    }
    const manifest = readManifest(staging);
    const folder = path.join(pluginsDir, manifest.key);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(staging, folder);
    return { manifest, folder };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function isSkipped(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === 'node_modules' || relative === '.git';
}

/**
 * Extracts an npm pack archive, whose files sit below `package/`. The tar library refuses
 * entries with absolute paths or `..` and does not follow links out of the target folder.
 */
async function extractArchive(file: string, target: string): Promise<void> {
  try {
    await tar.x({ file, cwd: target, strip: 1, strict: true, filter: (entryPath) => entryPath.startsWith('package/') });
  } catch (error) {
    throw new InvalidPluginError(`${file} could not be unpacked: ${(error as Error).message}. Make the archive with npm pack.`);
  }
  if (!fs.existsSync(path.join(target, 'package.json'))) {
    throw new InvalidPluginError(`${file} has no package/package.json. Make the archive with npm pack in the plugin folder.`);
  }
}

/** Deletes an installed plugin's folder, but only one inside `pluginsDir` (a bundled plugin's folder stays). */
export function removePluginFolder(folder: string, pluginsDir: string): void {
  const relative = path.relative(pluginsDir, folder);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return;
  fs.rmSync(folder, { recursive: true, force: true });
}
