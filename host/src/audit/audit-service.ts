import type { AuditEventInput, AuditService, Logger } from '@plughost/sdk';
import type { HostSettings } from '../security/host-settings.js';
import { currentRequestContext } from '../server/request-context.js';
import { checkAuditInput, limitLength } from './audit-input.js';
import type { AuditAuthor, AuditMethod } from './audit-record.js';
import type { AuditStore, NewAuditRow } from './audit-store.js';

/** Fields the host normally derives from the current request, set explicitly instead. */
export interface AuditOverrides {
  readonly author?: AuditAuthor;
  readonly source?: string;
  readonly method?: AuditMethod;
  readonly timestamp?: Date;
}

/** The author of records written outside a request, such as at start-up. */
export const systemAuthor: AuditAuthor = { name: 'System', type: 'system' };

/** Area of records whose input names none. */
export const defaultAuditArea = 'GLOBAL_CONFIG_AND_ADMINISTRATION';

/** Maximum number of records written between two prunes, whatever the clock shows. */
const writesPerPrune = 1000;
/** Time between two prunes at most, by the host clock. */
const pruneIntervalMs = 60_000;

/**
 * Writes audit records for the host and for plugins. The author, source and method come from
 * the request being served (its AsyncLocalStorage context); outside a request the author is
 * System and the method `System`. Old records are pruned after a write, once a minute or every
 * 1,000 writes, whichever comes first.
 */
export class HostAuditService {
  private writesSincePrune = 0;
  private lastPruneAt = 0;
  private pruning: Promise<void> | undefined;

  constructor(
    readonly store: AuditStore,
    private readonly settings: HostSettings,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /** Stores one record; changed values whose `from` equals `to` are left out. Returns the record id. */
  async record(input: AuditEventInput, overrides: AuditOverrides = {}): Promise<number> {
    checkAuditInput(input, 'the host');
    return this.write(input, overrides);
  }

  private async write(input: AuditEventInput, overrides: AuditOverrides): Promise<number> {
    const context = currentRequestContext();
    const author = overrides.author ?? authorOf(context);
    const method = overrides.method ?? (context ? context.channel : 'System');
    const source = overrides.source ?? (context && context.remoteAddress !== '-' ? context.remoteAddress : '');
    const time = overrides.timestamp ?? this.now();
    const affectedObjects = (input.affectedObjects ?? []).map((object) => ({
      type: limitLength(object.type),
      name: limitLength(object.name),
      ...(object.id === undefined ? {} : { id: limitLength(String(object.id)) }),
    }));
    const changedValues = (input.changedValues ?? [])
      .filter((change) => change.from !== change.to)
      .map((change) => ({ key: limitLength(change.key), from: limitLength(change.from), to: limitLength(change.to) }));
    const area = limitLength(input.area ?? defaultAuditArea);
    const category = limitLength(input.category);
    const action = limitLength(input.action);
    const attributes = Object.fromEntries(Object.entries(input.attributes ?? {}).map(([key, value]) => [limitLength(key), limitLength(value)]));

    const row: NewAuditRow = {
      timestamp: time.getTime(),
      author_name: author.name,
      author_type: author.type,
      area,
      category,
      action,
      affected_objects: JSON.stringify(affectedObjects),
      changed_values: JSON.stringify(changedValues),
      attributes: Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null,
      source,
      method,
      search_text: [
        author.name,
        area,
        category,
        action,
        source,
        ...affectedObjects.flatMap((object) => [object.type, object.name]),
        ...changedValues.flatMap((change) => [change.key, change.from, change.to]),
        ...Object.entries(attributes).flat(),
      ]
        .join('\n')
        .toLowerCase(),
    };
    const id = await this.store.insert(row);
    this.schedulePrune(time);
    return id;
  }

  /** Returns the SDK's AuditService for one plugin. Its records name the plugin in the `plugin` attribute and default to the area ECOSYSTEM. */
  forPlugin(pluginKey: string): AuditService {
    return {
      record: async (event: AuditEventInput) => {
        checkAuditInput(event, `plugin ${pluginKey}`);
        await this.write({ ...event, area: event.area ?? 'ECOSYSTEM', attributes: { ...event.attributes, plugin: pluginKey } }, {});
      },
    };
  }

  /** Deletes records beyond the retention settings now; returns the number deleted. */
  async prune(): Promise<number> {
    const retentionMs = this.settings.get('auditRetentionDays') * 24 * 60 * 60 * 1000;
    const deleted = await this.store.prune(new Date(this.now().getTime() - retentionMs), this.settings.get('auditMaxRecords'));
    if (deleted > 0) this.log.info(`Pruned ${deleted} audit records beyond the retention settings`);
    return deleted;
  }

  /** Waits for a prune in progress, so the database can be closed after it. */
  async flush(): Promise<void> {
    await this.pruning;
  }

  private schedulePrune(time: Date): void {
    this.writesSincePrune += 1;
    const due = this.writesSincePrune >= writesPerPrune || time.getTime() - this.lastPruneAt >= pruneIntervalMs;
    if (!due || this.pruning) return;
    this.writesSincePrune = 0;
    this.lastPruneAt = time.getTime();
    // The prune is not awaited, so the caller's write returns before the prune finishes.
    this.pruning = this.prune()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error('Pruning the audit log failed', error))
      .finally(() => {
        this.pruning = undefined;
      });
  }
}

function authorOf(context: ReturnType<typeof currentRequestContext>): AuditAuthor {
  if (!context) return systemAuthor;
  if (context.username) return { name: context.username, type: 'user' };
  return { name: 'anonymous', type: 'anonymous' };
}
