import type { AuditChangedValue } from '@plughost/sdk';

/** Changes to users and groups, delivered to host services such as the audit log and to plugins. */
export type DirectoryEvent =
  | { readonly type: 'user.created'; readonly username: string; readonly groups: readonly string[] }
  | { readonly type: 'user.updated'; readonly username: string; readonly changes: readonly AuditChangedValue[] }
  | { readonly type: 'user.deleted'; readonly username: string }
  | { readonly type: 'user.failedLoginReset'; readonly username: string; readonly from: number }
  | { readonly type: 'group.created'; readonly group: string }
  | { readonly type: 'group.deleted'; readonly group: string }
  | { readonly type: 'membership.added'; readonly group: string; readonly username: string }
  | { readonly type: 'membership.removed'; readonly group: string; readonly username: string };

export type DirectoryListener = (event: DirectoryEvent) => void | Promise<void>;

/** A list of listeners; each is awaited in turn, and one that throws does not stop the others. */
export class DirectoryEvents {
  private readonly listeners = new Set<DirectoryListener>();

  constructor(private readonly onListenerError: (error: unknown, event: DirectoryEvent) => void) {}

  subscribe(listener: DirectoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(event: DirectoryEvent): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
