import type { HostAuditService } from './audit-service.js';

/** A change in an app's lifecycle, as the plugin manager reports it. */
export interface PluginLifecycleEvent {
  readonly type: 'plugin.installed' | 'plugin.enabled' | 'plugin.disabled' | 'plugin.uninstalled';
  readonly key: string;
  readonly name: string;
  readonly version: string;
}

export const appsCategory = 'Apps';

const actions: Record<PluginLifecycleEvent['type'], string> = {
  'plugin.installed': 'App installed',
  'plugin.enabled': 'App enabled',
  'plugin.disabled': 'App disabled',
  'plugin.uninstalled': 'App uninstalled',
};

/** Writes the audit record of an app lifecycle change; returns the record id. */
export function auditPluginEvent(audit: HostAuditService, event: PluginLifecycleEvent): Promise<number> {
  return audit.record({
    area: 'ECOSYSTEM',
    category: appsCategory,
    action: actions[event.type],
    affectedObjects: [{ type: 'APP', name: event.name, id: event.key }],
    attributes: { key: event.key, version: event.version },
  });
}
