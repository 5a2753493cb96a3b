import type { AuditEventInput, AuditService, Logger } from '@plughost/sdk';
import type { HostSettings } from '../security/host-settings.js';
import { currentRequestContext } from '../server/request-context.js';
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

/** Records written between two prunes at most, whatever the clock says. */
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
    const context = currentRequestContext();
    const author = overrides.author ?? authorOf(context);
    const method = overrides.method ?? (context ? context.channel : 'System');
    const source = overrides.source ?? (context && context.remoteAddress !== '-' ? context.remoteAddress : '');
    const time = overrides.timestamp ?? this.now();
    const affectedObjects = (input.affectedObjects ?? []).map((object) => ({ ...object }));
    const changedValues = (input.changedValues ?? []).filter((change) => change.from !== change.to).map((change) => ({ ...change }));
    const area = input.area ?? defaultAuditArea;

    const row: NewAuditRow = {
      timestamp: time.getTime(),
      author_name: author.name,
      author_type: author.type,
      area,
      category: input.category,
      action: input.action,
      affected_objects: JSON.stringify(affectedObjects),
      changed_values: JSON.stringify(changedValues),
      attributes: input.attributes && Object.keys(input.attributes).length > 0 ? JSON.stringify(input.attributes) : null,
      source,
      method,
      search_text: [
        author.name,
        area,
        input.category,
        input.action,
        source,
        ...affectedObjects.flatMap((object) => [object.type, object.name]),
        ...changedValues.flatMap((change) => [change.key, change.from, change.to]),
        ...Object.entries(input.attributes ?? {}).flat(),
      ]
        .join('\n')
        .toLowerCase(),
    };
    const id = await this.store.insert(row);
    this.schedulePrune(time);
    return id;
  }

  /** The SDK's AuditService for one plugin; its records name the plugin in the `plugin` attribute. */
  forPlugin(pluginKey: string): AuditService {
    return {
      record: async (event: AuditEventInput) => {
        await this.record({ ...event, area: event.area ?? 'ECOSYSTEM', attributes: { ...event.attributes, plugin: pluginKey } });
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
    // Pruning runs after the write returns, so a caller never waits for it.
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
