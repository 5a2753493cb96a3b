import type { Migration, MigrationProvider } from 'kysely';
import { usersGroupsSessions } from './001-users-groups-sessions.js';
import { auditRecords } from './020-audit-records.js';
import { loggingLevels } from './021-logging-levels.js';
import { plugins } from './030-plugins.js';

/** The host's migrations, applied in the order of their names. Never rename or edit an applied one. */
const hostMigrations: Record<string, Migration> = {
  '001-users-groups-sessions': usersGroupsSessions,
  '020-audit-records': auditRecords,
  '021-logging-levels': loggingLevels,
  '030-plugins': plugins,
};

export const hostMigrationProvider: MigrationProvider = {
  getMigrations: async () => hostMigrations,
};
