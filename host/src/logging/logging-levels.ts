import { InvalidInputError } from '@plughost/sdk';
import type { Kysely } from 'kysely';
import type { HostAuditService } from '../audit/audit-service.js';
import type { HostTables } from '../db/schema.js';
import { configurableLevels, isConfigurableLevel, type ConfigurableLevel, type LevelRegistry } from './levels.js';

/** The name under which the root logger is shown and changed. */
export const rootLoggerName = 'root';

const maxLoggerNameLength = 255;
/** Dotted names of letters, digits, `_`, `$` and `-`, such as `de.resolution.apitokenauth`. */
const loggerNamePattern = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

export interface ConfiguredLogger {
  readonly name: string;
  readonly level: ConfigurableLevel;
  /** Whether this level is stored and applied again at the next start. */
  readonly persistent: boolean;
}

/**
 * The levels shown on the logging page and REST resource. A change applies to the next log
 * call. A persistent change is also stored and applied at the next start. A change that is not
 * persistent removes the stored level of that name, so the next start uses the default again.
 */
export class LoggingLevels {
  private readonly stored = new Map<string, ConfigurableLevel>();

  constructor(
    private readonly registry: LevelRegistry,
    private readonly db: Kysely<HostTables>,
    private readonly audit: HostAuditService,
  ) {}

  /** Applies the stored levels; called once at start. */
  async load(): Promise<void> {
    const rows = await this.db.selectFrom('logging_levels').selectAll().execute();
    for (const row of rows) {
      if (!isConfigurableLevel(row.level)) continue;
      this.stored.set(row.name, row.level);
      this.registry.set(row.name, row.level);
    }
  }

  list(): ConfiguredLogger[] {
    return this.registry.entries().map(({ name, level }) => ({
      name: name === '' ? rootLoggerName : name,
      level,
      persistent: this.stored.get(name) === level,
    }));
  }

  /** Validates and sets a level; writes an audit record of the change. Throws InvalidInputError naming the bad field. */
  async set(nameInput: unknown, levelInput: unknown, persistentInput: unknown): Promise<ConfiguredLogger> {
    const name = parseLoggerName(nameInput);
    const level = parseLevel(levelInput);
    if (persistentInput !== undefined && typeof persistentInput !== 'boolean') {
      throw new InvalidInputError(`persistent must be true or false, not ${JSON.stringify(persistentInput)}`, { persistent: 'Use true or false.' });
    }
    const persistent = persistentInput === true;
    const key = name === rootLoggerName ? '' : name;
    const before = this.list().find((entry) => entry.name === name);
    // A name without its own level had the level of its nearest configured parent.
    const levelBefore = before?.level ?? this.registry.effectiveLevel(key);

    if (persistent) {
      await this.db
        .insertInto('logging_levels')
        .values({ name: key, level })
        .onConflict((oc) => oc.column('name').doUpdateSet({ level }))
        .execute();
      this.stored.set(key, level);
    } else if (this.stored.has(key)) {
      await this.db.deleteFrom('logging_levels').where('name', '=', key).execute();
      this.stored.delete(key);
    }
    this.registry.set(key, level);

    await this.audit.record({
      category: 'Logging',
      action: 'Logging level changed',
      affectedObjects: [{ type: 'LOGGER', name }],
      changedValues: [
        { key: 'level', from: levelBefore, to: level },
        { key: 'persistent', from: String(before?.persistent ?? false), to: String(persistent) },
      ],
    });
    return { name, level, persistent };
  }
}

/** Validates a logger name or `root`. Throws InvalidInputError that describes a valid name. */
export function parseLoggerName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError('the logger name is missing', { name: 'Enter a logger name such as de.resolution.apitokenauth, or root.' });
  }
  const name = value.trim();
  if (name.length > maxLoggerNameLength) {
    throw new InvalidInputError(`the logger name is ${name.length} characters long; use at most ${maxLoggerNameLength}`, {
      name: `The logger name '${name.slice(0, 60)}...' is ${name.length} characters long. Use at most ${maxLoggerNameLength} characters.`,
    });
  }
  if (!loggerNamePattern.test(name)) {
    throw new InvalidInputError(`invalid logger name '${name}': use dotted parts of letters, digits, _, $ and -, such as de.resolution.apitokenauth`, {
      name: `The logger name '${name}' is invalid. Use dotted parts of letters, digits, _, $ and -, such as de.resolution.apitokenauth.`,
    });
  }
  return name;
}

function parseLevel(value: unknown): ConfigurableLevel {
  const level = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (!isConfigurableLevel(level)) {
    const shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : JSON.stringify(value) ?? 'missing';
    throw new InvalidInputError(`invalid level ${shown}: use one of ${configurableLevels.join(', ')}`, {
      level: `The level ${shown} is invalid. Use one of ${configurableLevels.join(', ')}.`,
    });
  }
  return level;
}
