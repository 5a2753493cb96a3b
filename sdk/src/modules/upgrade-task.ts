/**
 * A one-time data upgrade. Tasks run at plugin start in ascending `buildNumber`; each runs
 * once per installation, and its number is recorded only after it succeeds.
 *
 * @example
 * ```ts
 * modules.addUpgradeTask({
 *   buildNumber: 2,
 *   description: 'Rename the greeting setting',
 *   async run() { await settings.set('greeting', await settings.get('hello')); },
 * });
 * ```
 * @public
 */
export interface UpgradeTaskModule {
  readonly buildNumber: number;
  readonly description: string;
  run(): Promise<void>;
}
