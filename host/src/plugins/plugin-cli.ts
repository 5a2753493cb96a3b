import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlughostError } from '@plughost/sdk';
import { openHostDatabase } from '../db/database.js';
import { PluginCatalog } from './plugin-catalog.js';
import { pluginsDirOf } from './plugin-files.js';
import { toPluginView } from './plugin-view.js';

export const pluginCommandHelp = `Usage: plughost plugin <command> [--data-dir PATH]

Commands:
  install <folder|file.tgz>    install a plugin package and enable it
  list                         list installed plugins with their state
  enable <key>                 enable a plugin
  disable <key>                disable a plugin
  uninstall <key> [--drop-data]
                               uninstall a plugin; --drop-data also deletes its tables and settings

--data-dir (or PLUGHOST_DATA_DIR, default ./data) is the host's data folder. The commands change
the host database directly; a host running on the same folder applies the change within about
a second, and a stopped host applies it when it starts.
`;

/** Runs `plughost plugin ...`; returns the process exit code. */
export async function runPluginCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  printError: (line: string) => void,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'data-dir': { type: 'string' }, 'drop-data': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    printError(`plughost: ${(error as Error).message}. Run plughost plugin --help for the commands.`);
    return 2;
  }
  const [command, argument, ...extra] = parsed.positionals;
  if (parsed.values.help || !command) {
    print(pluginCommandHelp);
    return command || parsed.values.help ? 0 : 2;
  }
  const needsArgument = ['install', 'enable', 'disable', 'uninstall'].includes(command);
  if (!needsArgument && command !== 'list') {
    printError(`plughost: unknown plugin command "${command}". Use install, list, enable, disable or uninstall.`);
    return 2;
  }
  if ((needsArgument && !argument) || extra.length > 0 || (command === 'list' && argument)) {
    printError(`plughost: wrong arguments for "plugin ${command}".\n${pluginCommandHelp}`);
    return 2;
  }

  const dataDir = path.resolve(parsed.values['data-dir'] ?? env.PLUGHOST_DATA_DIR ?? './data');
  const database = await openHostDatabase(dataDir);
  const catalog = new PluginCatalog(database.db, pluginsDirOf(dataDir), () => new Date());
  try {
    return await runCommand(catalog, command, argument!, parsed.values['drop-data'] === true, print);
  } catch (error) {
    if (!(error instanceof PlughostError)) throw error;
    printError(`plughost: ${error.message}`);
    return 1;
  } finally {
    await database.close();
  }
}

async function runCommand(catalog: PluginCatalog, command: string, argument: string, dropData: boolean, print: (line: string) => void): Promise<number> {
  switch (command) {
    case 'install': {
      const record = await catalog.install(argument);
      print(`Installed ${record.key} ${record.version} (${record.name}) into ${record.path}; it is enabled.`);
      return 0;
    }
    case 'enable':
    case 'disable': {
      const record = await catalog.setEnabled(argument, command === 'enable');
      print(`${command === 'enable' ? 'Enabled' : 'Disabled'} ${record.key}.`);
      return 0;
    }
    case 'uninstall': {
      const { record, droppedTables } = await catalog.uninstall(argument, dropData);
      print(dropData ? `Uninstalled ${record.key} and dropped its settings and ${droppedTables.length} tables.` : `Uninstalled ${record.key}; its tables and settings were kept.`);
      return 0;
    }
    default: {
      const plugins = (await catalog.store.list()).map(toPluginView);
      if (plugins.length === 0) print('No plugins are installed.');
      for (const plugin of plugins) {
        print(`${plugin.key}\t${plugin.version}\t${plugin.state}\t${plugin.name}${plugin.failureReason ? `\t${plugin.failureReason}` : ''}`);
      }
      return 0;
    }
  }
}
