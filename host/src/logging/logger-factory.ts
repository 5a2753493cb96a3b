import fs from 'node:fs';
import path from 'node:path';
import winston from 'winston';
import type { LogLevel, Logger, LoggerFactory } from '@plughost/sdk';
import { currentRequestContext } from '../server/request-context.js';
import { formatLine } from './layout.js';
import { LevelRegistry, passes } from './levels.js';
import { redact } from './redaction.js';

/** Size at which `host.log` is rotated, and how many rotated files are kept. */
export const logFileMaxBytes = 10 * 1024 * 1024;
export const logFileMaxFiles = 5;

const winstonLevels = { FATAL: 0, ERROR: 1, WARN: 2, INFO: 3, DEBUG: 4, TRACE: 5 };

export interface HostLogging {
  readonly loggers: LoggerFactory;
  readonly levels: LevelRegistry;
  readonly logFile: string;
  close(): Promise<void>;
}

/**
 * Creates the host's logging: winston writing the Atlassian layout to the console and to
 * `<dataDir>/log/host.log`, with per-name levels from a LevelRegistry. Level checks happen
 * here, before winston, so a changed level applies to the very next call.
 */
export function createHostLogging(options: { dataDir: string; console: boolean; clock: () => Date }): HostLogging {
  const logDir = path.join(options.dataDir, 'log');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'host.log');

  const lineFormat = winston.format.printf((info) => String(info.message));
  const transports: winston.transport[] = [
    new winston.transports.File({
      filename: logFile,
      maxsize: logFileMaxBytes,
      maxFiles: logFileMaxFiles,
      tailable: true,
      format: lineFormat,
    }),
  ];
  if (options.console) transports.push(new winston.transports.Console({ format: lineFormat }));

  const sink = winston.createLogger({ levels: winstonLevels, level: 'TRACE', transports });
  const levels = new LevelRegistry('WARN');
  levels.set('com.plughost', 'INFO');

  const write = (name: string, level: LogLevel, message: string, error?: unknown) => {
    const context = currentRequestContext();
    // Line breaks in a message could forge a whole log line from user input, so they are escaped;
    // an error's stack keeps its lines.
    const safeMessage = message.replace(/\r\n|\r|\n/g, '\\n');
    const text = error === undefined ? safeMessage : `${safeMessage}: ${describeError(error)}`;
    const line = formatLine({
      time: options.clock(),
      worker: context?.worker ?? 'main',
      level,
      user: context?.username ?? (context ? 'anonymous' : '-'),
      requestId: context?.requestId ?? '-',
      sessionHash: context?.sessionHash ?? '-',
      address: context?.remoteAddress ?? '-',
      path: context?.path ?? '-',
      logger: name,
      message: text,
    });
    sink.log(level, redact(line, context?.secrets));
  };

  const cache = new Map<string, Logger>();
  const loggers: LoggerFactory = {
    getLogger(name: string): Logger {
      const existing = cache.get(name);
      if (existing) return existing;
      const enabled = (level: LogLevel) => passes(level, levels.effectiveLevel(name));
      const emit = (level: LogLevel) => (message: string, error?: unknown) => {
        if (enabled(level)) write(name, level, message, error);
      };
      const logger: Logger = {
        trace: emit('TRACE'),
        debug: emit('DEBUG'),
        info: emit('INFO'),
        warn: emit('WARN'),
        error: emit('ERROR'),
        fatal: emit('FATAL'),
        isEnabled: enabled,
      };
      cache.set(name, logger);
      return logger;
    },
  };

  return {
    loggers,
    levels,
    logFile,
    close: () =>
      new Promise<void>((resolve) => {
        sink.on('finish', () => resolve());
        sink.end();
      }),
  };
}

/** Error text for a log line: the stack for Errors, else the value as text. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
