import fs from 'node:fs';
import path from 'node:path';

/** The `plughost` field of a plugin's package.json, with the package version. */
export interface PluginManifest {
  readonly key: string;
  readonly name: string;
  readonly version: string;
  /** Entry module, relative to the plugin folder. */
  readonly entry: string;
}

/** A plugin package that cannot be installed; the message names the problem and the fix. */
export class InvalidPluginError extends Error {
  override name = 'InvalidPluginError';
}

/** Plugin keys are dotted names such as `de.resolution.apitokenauth`; they become URL and folder names. */
const pluginKeyPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const maxKeyLength = 100;

/** Whether a text is a valid plugin key. */
export function isPluginKey(text: string): boolean {
  return text.length <= maxKeyLength && pluginKeyPattern.test(text);
}

/** Reads and checks `<folder>/package.json`. Throws InvalidPluginError naming the bad field. */
export function readManifest(folder: string): PluginManifest {
  const file = path.join(folder, 'package.json');
  let packageJson: unknown;
  try {
    packageJson = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `is not valid JSON (${(error as Error).message})`;
    throw new InvalidPluginError(`${file} ${reason}. A plugin is an npm package with a package.json.`);
  }
  const pkg = (packageJson ?? {}) as { version?: unknown; plughost?: { key?: unknown; name?: unknown; entry?: unknown } };
  const field = pkg.plughost;
  if (!field || typeof field !== 'object') {
    throw new InvalidPluginError(`${file} has no "plughost" field. Add "plughost": { "key", "name", "entry" }.`);
  }
  const { key, name, entry } = field;
  if (typeof key !== 'string' || !isPluginKey(key)) {
    throw new InvalidPluginError(`invalid plugin key ${JSON.stringify(key)} in ${file}: use a dotted name of letters, digits, "-" and "_", such as com.example.hello`);
  }
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidPluginError(`missing plugin name in the "plughost" field of ${file}`);
  }
  if (typeof entry !== 'string' || entry.trim() === '' || path.isAbsolute(entry) || path.normalize(entry).startsWith('..')) {
    throw new InvalidPluginError(`invalid entry ${JSON.stringify(entry)} in ${file}: use a path inside the package, such as dist/index.js`);
  }
  const version = typeof pkg.version === 'string' && pkg.version !== '' ? pkg.version : '0.0.0';
  return { key, name: name.trim(), version, entry };
}
