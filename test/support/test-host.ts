import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this compiled file in `test/dist/support/`. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const cliPath = path.join(repoRoot, 'host', 'dist', 'cli.js');
export const adminPassword = 'admin-Pa55:wörd';

export interface TestHostOptions {
  product?: 'jira' | 'confluence';
  /** Reuse a data folder, for restart tests. */
  dataDir?: string;
  listen?: string;
  /** Unset to test the random first-run password. */
  adminPassword?: string | null;
  extraArgs?: string[];
  env?: Record<string, string>;
}

/** A real host process on loopback with its own data folder. */
export class TestHost {
  private output = '';

  private constructor(
    readonly process: ChildProcess,
    readonly dataDir: string,
    readonly product: 'jira' | 'confluence',
  ) {
    process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  url = '';

  static async start(options: TestHostOptions = {}): Promise<TestHost> {
    const product = options.product ?? 'jira';
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-test-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
    delete env.PLUGHOST_ADMIN_PASSWORD;
    if (options.adminPassword !== null) env.PLUGHOST_ADMIN_PASSWORD = options.adminPassword ?? adminPassword;
    const args = [cliPath, '--product', product, '--port', '0', '--listen', options.listen ?? '127.0.0.1', '--data-dir', dataDir, '--test-clock', ...(options.extraArgs ?? [])];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const host = new TestHost(child, dataDir, product);
    await host.waitForRunning();
    return host;
  }

  /** Everything the process printed so far. */
  get printed(): string {
    return this.output;
  }

  private async waitForRunning(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`host exited with ${this.process.exitCode}:\n${this.output}`);
      const match = /Listening on (http:\/\/\S+)/.exec(this.output);
      if (match) {
        this.url = match[1]!;
        try {
          const response = await fetch(`${this.url}/status`);
          const body = (await response.json()) as { state: string };
          if (body.state === 'RUNNING') return;
        } catch {
          // not accepting yet
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`host did not reach RUNNING within 30 s:\n${this.output}`);
  }

  /** Sends SIGTERM and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    this.process.kill(signal);
    return exited;
  }

  /** Stops the host and deletes its data folder. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  logFile(): string {
    const file = path.join(this.dataDir, 'log', 'host.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /** Moves the host clock (the host runs with --test-clock). */
  async setClockOffset(offsetMs: number): Promise<void> {
    const response = await fetch(`${this.url}/rest/plughost/1.0/test/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetMs }),
    });
    if (!response.ok) throw new Error(`setting the test clock failed with ${response.status}`);
  }
}
