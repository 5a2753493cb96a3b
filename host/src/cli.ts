#!/usr/bin/env node
import { OptionsError, optionsHelp, parseHostOptions } from './config/options.js';
import { runPluginCommand } from './plugins/plugin-cli.js';
import { startHost } from './server/host.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'plugin') {
    process.exitCode = await runPluginCommand(argv.slice(1), process.env, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
    return;
  }
  let parsed;
  try {
    parsed = parseHostOptions(argv, process.env);
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`plughost: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(optionsHelp);
    return;
  }
  const host = await startHost(parsed.options);
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    host.services.log.info(`Received ${signal}`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`plughost: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`plughost: ${error instanceof Error ? error.message : String(error)}\n`);
  if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    process.stderr.write('plughost: another program uses that port; stop it or choose another one with --port N.\n');
  }
  process.exit(1);
});
