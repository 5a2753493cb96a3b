import type { Generated } from 'kysely';

/** The host's own tables. Plugin tables (`AO_*`) are not listed here. */
export interface HostTables {
  users: UsersTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  host_settings: KeyValueTable;
  plugin_settings: PluginSettingsTable;
  plugins: PluginsTable;
  plugin_upgrade_tasks: PluginUpgradeTasksTable;
  bundled_plugins_offered: BundledPluginsOfferedTable;
  audit_records: AuditRecordsTable;
  logging_levels: LoggingLevelsTable;
}

export interface UsersTable {
  id: Generated<number>;
  /** Login name, lower-case. */
  name: string;
  display_name: string;
  email: string;
  active: number;
  password_hash: string;
  created_at: number;
  failed_login_current: Generated<number>;
  failed_login_total: Generated<number>;
  last_failed_login_at: number | null;
  login_count: Generated<number>;
  last_login_at: number | null;
}

export interface GroupsTable {
  /** Group name, lower-case. */
  name: string;
  created_at: number;
}

export interface MembershipsTable {
  user_name: string;
  group_name: string;
}

export interface SessionsTable {
  /** SHA-256 of the session id, so a copy of the database yields no usable cookie. */
  id_digest: string;
  user_name: string;
  created_at: number;
  last_seen_at: number;
  xsrf_token: string;
  websudo_until: number | null;
}

export interface KeyValueTable {
  key: string;
  value: string;
}

export interface PluginSettingsTable {
  plugin_key: string;
  key: string;
  value: string;
}

/** An installed plugin. `enabled` is what the admin chose; `state` is what happened when it last started or stopped. */
export interface PluginsTable {
  key: string;
  name: string;
  version: string;
  /** Folder the plugin is loaded from. */
  path: string;
  enabled: number;
  state: 'ENABLED' | 'DISABLED' | 'FAILED';
  failure_reason: string | null;
  installed_at: number;
  updated_at: number;
}

export interface PluginUpgradeTasksTable {
  plugin_key: string;
  build_number: number;
  completed_at: number;
}

export interface BundledPluginsOfferedTable {
  key: string;
  offered_at: number;
}

export interface AuditRecordsTable {
  id: Generated<number>;
  /** Epoch milliseconds by the host clock. */
  timestamp: number;
  author_name: string;
  /** `user`, `anonymous` or `system`. */
  author_type: string;
  area: string;
  category: string;
  action: string;
  /** JSON array of `{type, name, id?}`. */
  affected_objects: string;
  /** JSON array of `{key, from, to}`. */
  changed_values: string;
  /** JSON object of extra attributes, or null. */
  attributes: string | null;
  source: string;
  /** `Browser`, `REST` or `System`. */
  method: string;
  /** Lower-case text of the searchable fields, for the search filter. */
  search_text: string;
}

export interface LoggingLevelsTable {
  /** Dotted logger name; '' is the root logger. */
  name: string;
  level: string;
}
