import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '@plughost/sdk';
import type { Flavour } from '../product/flavours.js';
import type { UserDirectory } from './user-directory.js';

export const adminUsername = 'admin';
export const initialPasswordFile = 'initial-admin-password';

/**
 * First start: creates the flavour's default groups and the user `admin` in both. The
 * password is the given one, or a random one that is printed once and written to
 * `<dataDir>/initial-admin-password` (mode 0600). Later starts change nothing.
 */
export async function ensureDefaultDirectory(
  users: UserDirectory,
  flavour: Flavour,
  dataDir: string,
  adminPassword: string | undefined,
  log: Logger,
  print: (line: string) => void,
): Promise<void> {
  for (const group of [flavour.adminGroup, flavour.defaultUserGroup]) {
    if (!(await users.groupExists(group))) await users.createGroup(group);
  }
  if ((await users.countUsers()) > 0) return;

  const password = adminPassword ?? randomBytes(12).toString('base64url');
  await users.createUser({
    name: adminUsername,
    password,
    displayName: 'Administrator',
    emailAddress: 'admin@example.com',
    groups: [flavour.adminGroup, flavour.defaultUserGroup],
  });
  if (adminPassword) {
    log.info('Created the user admin with the password from PLUGHOST_ADMIN_PASSWORD');
    return;
  }
  const file = path.join(dataDir, initialPasswordFile);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  // Printed straight to the console, never through the logger, so host.log contains no password.
  print(`Created the user admin with the password: ${password}`);
  print(`The password is also in ${file}; delete that file after you have changed the password.`);
}
