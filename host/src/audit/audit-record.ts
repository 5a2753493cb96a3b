import type { AuditAffectedObject, AuditChangedValue } from '@plughost/sdk';
import type { Selectable } from 'kysely';
import type { AuditRecordsTable } from '../db/schema.js';

/** Who caused an audited change. */
export interface AuditAuthor {
  readonly name: string;
  readonly type: 'user' | 'anonymous' | 'system';
}

/** How the change reached the host: a browser session, a REST call with credentials or none, or the host itself. */
export type AuditMethod = 'Browser' | 'REST' | 'System';

/** An audit record as the REST resource and the audit page show it. */
export interface AuditRecord {
  readonly id: number;
  /** ISO 8601 time in UTC. */
  readonly timestamp: string;
  readonly author: AuditAuthor;
  readonly type: { readonly area: string; readonly category: string; readonly action: string };
  readonly affectedObjects: readonly AuditAffectedObject[];
  readonly changedValues: readonly AuditChangedValue[];
  /** The client address as the host resolved it; empty for records the host writes by itself. */
  readonly source: string;
  readonly method: AuditMethod;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Converts a stored row to the record shape of the REST resource. */
export function toAuditRecord(row: Selectable<AuditRecordsTable>): AuditRecord {
  const record: AuditRecord = {
    id: row.id,
    timestamp: new Date(row.timestamp).toISOString(),
    author: { name: row.author_name, type: row.author_type as AuditAuthor['type'] },
    type: { area: row.area, category: row.category, action: row.action },
    affectedObjects: JSON.parse(row.affected_objects) as AuditAffectedObject[],
    changedValues: JSON.parse(row.changed_values) as AuditChangedValue[],
    source: row.source,
    method: row.method as AuditMethod,
  };
  return row.attributes === null ? record : { ...record, attributes: JSON.parse(row.attributes) as Record<string, string> };
}
