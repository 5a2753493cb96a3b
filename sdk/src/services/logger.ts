/**
 * Log levels from the most to the least detailed.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'DEBUG';
 * if (log.isEnabled(level)) log.debug(describe(request));
 * ```
 * @public
 */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/**
 * A named logger. The host adds time, thread, user, request id and path to each line and
 * removes secrets, so a call site passes only the message.
 *
 * @example
 * ```ts
 * const log = loggers.getLogger('com.example.hello.HelloResource');
 * if (log.isEnabled('DEBUG')) log.debug(`greeting ${name}`);
 * ```
 * @public
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
  fatal(message: string, error?: unknown): void;
  /** Whether a line at `level` would be written now; use it to skip building costly messages. */
  isEnabled(level: LogLevel): boolean;
}

/**
 * Hands out loggers by dotted name. Levels are configured per name on the host's logging
 * page and inherited from the nearest configured parent.
 *
 * @example
 * ```ts
 * const log = loggers.getLogger('com.example.hello');
 * log.info('ready');
 * ```
 * @public
 */
export interface LoggerFactory {
  getLogger(name: string): Logger;
}
