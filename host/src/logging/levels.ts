import type { LogLevel } from '@plughost/sdk';

/** Levels a logger can be set to; `OFF` writes nothing. */
export type ConfigurableLevel = LogLevel | 'OFF';

export const configurableLevels: readonly ConfigurableLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF'];

const severity: Record<ConfigurableLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5, OFF: 6 };

export function isConfigurableLevel(value: unknown): value is ConfigurableLevel {
  return typeof value === 'string' && (configurableLevels as readonly string[]).includes(value);
}

/** Whether a line at `level` passes a logger set to `threshold`. */
export function passes(level: LogLevel, threshold: ConfigurableLevel): boolean {
  return severity[level] >= severity[threshold];
}

/**
 * Levels per dotted logger name. A name without its own level inherits the level of its
 * nearest configured parent (`a.b.c` looks at `a.b`, then `a`, then the root).
 */
export class LevelRegistry {
  private readonly levels = new Map<string, ConfigurableLevel>();
  private readonly cache = new Map<string, ConfigurableLevel>();

  constructor(private rootLevel: ConfigurableLevel) {}

  set(name: string, level: ConfigurableLevel): void {
    if (name === '') this.rootLevel = level;
    else this.levels.set(name, level);
    this.cache.clear();
  }

  remove(name: string): void {
    this.levels.delete(name);
    this.cache.clear();
  }

  /** The configured names and levels, the root (empty name) first. */
  entries(): Array<{ name: string; level: ConfigurableLevel }> {
    const named = [...this.levels].map(([name, level]) => ({ name, level })).sort((a, b) => a.name.localeCompare(b.name));
    return [{ name: '', level: this.rootLevel }, ...named];
  }

  effectiveLevel(name: string): ConfigurableLevel {
    const cached = this.cache.get(name);
    if (cached) return cached;
    let level = this.rootLevel;
    for (let candidate = name; candidate.length > 0; candidate = parentOf(candidate)) {
      const configured = this.levels.get(candidate);
      if (configured) {
        level = configured;
        break;
      }
    }
    this.cache.set(name, level);
    return level;
  }
}

function parentOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(0, dot);
}
