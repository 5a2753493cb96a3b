export { startHost } from './server/host.js';
export type { HostServices, RunningHost, StartOptions } from './server/host.js';
export { parseHostOptions, optionsHelp } from './config/options.js';
export type { HostOptions } from './config/options.js';
export { jira, confluence, flavourOf } from './product/flavours.js';
export type { Flavour } from './product/flavours.js';
export { TablePrefixPlugin, tablePrefixOf } from './plugins/table-prefix.js';
export type { PluginEvent, PluginListener } from './plugins/plugin-events.js';
