import type { PluginRecord } from './plugin-store.js';

/** A plugin as `GET /rest/plugins/1.0/` and the "Manage apps" page show it. */
export interface PluginView {
  readonly key: string;
  readonly name: string;
  readonly version: string;
  readonly enabled: boolean;
  readonly state: PluginRecord['state'];
  /** Why the plugin failed to start; present only in state FAILED. */
  readonly failureReason?: string;
}

export function toPluginView(record: PluginRecord): PluginView {
  const view = { key: record.key, name: record.name, version: record.version, enabled: record.enabled === 1, state: record.state };
  return record.state === 'FAILED' && record.failure_reason ? { ...view, failureReason: record.failure_reason } : view;
}
