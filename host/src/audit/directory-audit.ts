import type { AuditEventInput } from '@plughost/sdk';
import type { DirectoryEvent } from '../users/user-events.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { HostAuditService } from './audit-service.js';

export const userManagementArea = 'USER_MANAGEMENT';
export const userManagementCategory = 'User management';
export const groupManagementCategory = 'Group management';

/** Writes an audit record for every user, group and membership change of the directory. */
export function auditDirectoryEvents(audit: HostAuditService, users: UserDirectory): () => void {
  return users.subscribe(async (event) => {
    await audit.record(await describeDirectoryEvent(event, users));
  });
}

/** The audit record of one directory event. User creation lists the new user's details, never the password. */
export async function describeDirectoryEvent(event: DirectoryEvent, users: UserDirectory): Promise<AuditEventInput> {
  const area = userManagementArea;
  switch (event.type) {
    case 'user.created': {
      const user = await users.getUser(event.username);
      return {
        area,
        category: userManagementCategory,
        action: 'User created',
        affectedObjects: [{ type: 'USER', name: event.username }],
        changedValues: [
          { key: 'username', from: '', to: event.username },
          { key: 'displayName', from: '', to: user?.displayName ?? '' },
          { key: 'emailAddress', from: '', to: user?.emailAddress ?? '' },
          { key: 'groups', from: '', to: event.groups.join(', ') },
        ],
      };
    }
    case 'user.updated':
      return { area, category: userManagementCategory, action: 'User updated', affectedObjects: [{ type: 'USER', name: event.username }], changedValues: event.changes };
    case 'user.deleted':
      return { area, category: userManagementCategory, action: 'User deleted', affectedObjects: [{ type: 'USER', name: event.username }] };
    case 'user.failedLoginReset':
      return {
        area,
        category: userManagementCategory,
        action: 'Failed login count reset',
        affectedObjects: [{ type: 'USER', name: event.username }],
        changedValues: [{ key: 'failedLoginCount', from: String(event.from), to: '0' }],
      };
    case 'group.created':
      return { area, category: groupManagementCategory, action: 'Group created', affectedObjects: [{ type: 'GROUP', name: event.group }] };
    case 'group.deleted':
      return { area, category: groupManagementCategory, action: 'Group deleted', affectedObjects: [{ type: 'GROUP', name: event.group }] };
    case 'membership.added':
      return {
        area,
        category: groupManagementCategory,
        action: 'User added to group',
        affectedObjects: [{ type: 'USER', name: event.username }, { type: 'GROUP', name: event.group }],
      };
    case 'membership.removed':
      return {
        area,
        category: groupManagementCategory,
        action: 'User removed from group',
        affectedObjects: [{ type: 'USER', name: event.username }, { type: 'GROUP', name: event.group }],
      };
  }
}
