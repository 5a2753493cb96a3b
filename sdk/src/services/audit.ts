/**
 * An object an audit record is about.
 *
 * @example
 * ```ts
 * const affected: AuditAffectedObject = { type: 'USER', name: 'alice' };
 * ```
 * @public
 */
export interface AuditAffectedObject {
  readonly type: string;
  readonly name: string;
  readonly id?: string;
}

/**
 * One changed value; unchanged values are left out of a record.
 *
 * @example
 * ```ts
 * const change: AuditChangedValue = { key: 'Maximum validity', from: 'P1Y', to: 'P6M' };
 * ```
 * @public
 */
export interface AuditChangedValue {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

/**
 * An audit event as a plugin writes it. The host fills in the author (the current user),
 * the source (the resolved client address), the method and the timestamp.
 *
 * @example
 * ```ts
 * const event: AuditEventInput = {
 *   category: 'API Token Authentication',
 *   action: 'All API tokens of a user deleted',
 *   affectedObjects: [{ type: 'USER', name: 'alice' }],
 *   attributes: { count: '3' },
 * };
 * await audit.record(event);
 * ```
 * @public
 */
export interface AuditEventInput {
  readonly area?: string;
  readonly category: string;
  readonly action: string;
  readonly affectedObjects?: readonly AuditAffectedObject[];
  readonly changedValues?: readonly AuditChangedValue[];
  /** Extra attributes, for example a count; shown on the audit page. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Writes audit records.
 *
 * @example
 * ```ts
 * await audit.record({
 *   category: 'API Token Authentication',
 *   action: 'API token created',
 *   affectedObjects: [{ type: 'USER', name: 'alice' }],
 * });
 * ```
 * @public
 */
export interface AuditService {
  record(event: AuditEventInput): Promise<void>;
}
