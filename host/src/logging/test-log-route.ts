import type Router from '@koa/router';
import { InvalidInputError, type LogLevel, type LoggerFactory } from '@plughost/sdk';
import { jsonObjectBody, requireAdminUser, type AdminRestGate } from '../rest/rest-access.js';
import type { HostState } from '../server/host-state.js';
import type { UserDirectory } from '../users/user-directory.js';
import { parseLoggerName } from './logging-levels.js';

const writableLevels: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/**
 * `POST /rest/plughost/1.0/test/log {"logger","level","message"}` (admin) writes one line on any
 * logger, so tests can check levels and the layout without a plugin. Mounted only with
 * `--test-clock`, the switch for test hooks.
 */
export function addTestLogRoute(router: Router<HostState>, loggers: LoggerFactory, users: UserDirectory, adminGates: () => readonly AdminRestGate[]): void {
  router.post('/rest/plughost/1.0/test/log', requireAdminUser(users, adminGates), (ctx) => {
    const body = jsonObjectBody(ctx);
    if (!body) return;
    const name = parseLoggerName(body.logger);
    const level = typeof body.level === 'string' ? body.level.toUpperCase() : '';
    if (!(writableLevels as readonly string[]).includes(level)) {
      throw new InvalidInputError(`invalid level ${JSON.stringify(body.level)}: use one of ${writableLevels.join(', ')}`, { level: 'invalid' });
    }
    if (typeof body.message !== 'string') throw new InvalidInputError('the message is missing: send it as a string', { message: 'missing' });
    const logger = loggers.getLogger(name);
    const written = logger.isEnabled(level as LogLevel);
    const write = { TRACE: logger.trace, DEBUG: logger.debug, INFO: logger.info, WARN: logger.warn, ERROR: logger.error, FATAL: logger.fatal }[level as LogLevel];
    write(body.message);
    ctx.body = { logger: name, level, written };
  });
}
