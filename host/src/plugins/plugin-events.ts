/** A change in the set of installed or enabled plugins, for listeners such as the audit log. */
export interface PluginEvent {
  readonly type: 'plugin.installed' | 'plugin.enabled' | 'plugin.disabled' | 'plugin.uninstalled';
  readonly key: string;
  readonly name: string;
  readonly version: string;
}

export type PluginListener = (event: PluginEvent) => void | Promise<void>;

/** A list of plugin event listeners; each is awaited in turn, and one that throws does not stop the others. */
export class PluginEvents {
  private readonly listeners = new Set<PluginListener>();

  constructor(private readonly onListenerError: (error: unknown, event: PluginEvent) => void) {}

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: PluginListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(event: PluginEvent): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
