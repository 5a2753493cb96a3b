import { spawn } from 'node:child_process';
import path from 'node:path';
import { cliPath, repoRoot } from './test-host.js';

/** Folder of the test plugins, each an npm package written against @plughost/sdk alone. */
export const fixturePluginsDir = path.join(repoRoot, 'test', 'fixtures', 'plugins');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `plughost plugin <args>` on a data folder as a separate process, as an admin would. */
export function runPluginCli(dataDir: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'plugin', ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Polls `check` until it returns a value other than undefined, for changes a host applies
 * asynchronously (the CLI's changes reach a running host within about a second).
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Packs a plugin folder with `npm pack` into `destination`; returns the `.tgz` path. */
export function npmPack(folder: string, destination: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['pack', '--silent', '--pack-destination', destination], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const file = stdout.trim().split('\n').pop();
      if (code !== 0 || !file) reject(new Error(`npm pack in ${folder} failed with ${code}: ${stderr}`));
      else resolve(path.join(destination, file));
    });
  });
}
