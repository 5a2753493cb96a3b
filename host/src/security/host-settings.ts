import type { Kysely } from 'kysely';
import type { HostTables } from '../db/schema.js';

/** Host-wide settings with their defaults. */
export interface HostSettingValues {
  /** Failed logins after which password logins need a CAPTCHA answer; 0 turns the check off. */
  maxAuthenticationAttempts: number;
  /** Whether admin pages ask for the password again. */
  webSudoEnabled: boolean;
  /** How long a WebSudo grant lasts after the last admin request, in minutes. */
  webSudoTimeoutMinutes: number;
  /** Audit records older than this many days are deleted. */
  auditRetentionDays: number;
  /** The number of audit records kept; the oldest beyond it are deleted. */
  auditMaxRecords: number;
}

export const defaultHostSettings: HostSettingValues = {
  maxAuthenticationAttempts: 3,
  webSudoEnabled: true,
  webSudoTimeoutMinutes: 10,
  // Jira Data Center 8.8 keeps audit records for 3 years by default.
  auditRetentionDays: 3 * 365,
  auditMaxRecords: 1_000_000,
};

/** Host settings, read from the database once and kept in memory; a change is written through. */
export class HostSettings {
  private values: HostSettingValues = { ...defaultHostSettings };

  constructor(private readonly db: Kysely<HostTables>) {}

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('host_settings').selectAll().execute();
    const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    this.values = { ...defaultHostSettings, ...(stored as Partial<HostSettingValues>) };
  }

  get<K extends keyof HostSettingValues>(key: K): HostSettingValues[K] {
    return this.values[key];
  }

  all(): Readonly<HostSettingValues> {
    return this.values;
  }

  async set<K extends keyof HostSettingValues>(key: K, value: HostSettingValues[K]): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('host_settings')
      .values({ key, value: text })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
      .execute();
    this.values = { ...this.values, [key]: value };
  }
}
