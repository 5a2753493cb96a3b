import type { Logger } from '@plughost/sdk';
import type { HostSettings, HostSettingValues } from '../host-settings.js';
import type { SecuritySettingChanges } from './security-settings-input.js';

/** Returns the security settings in the form the REST resource and the page show. */
export function securitySettingsOf(settings: HostSettings): Pick<HostSettingValues, 'maxAuthenticationAttempts' | 'webSudoEnabled' | 'webSudoTimeoutMinutes'> {
  const { maxAuthenticationAttempts, webSudoEnabled, webSudoTimeoutMinutes } = settings.all();
  return { maxAuthenticationAttempts, webSudoEnabled, webSudoTimeoutMinutes };
}

/** Saves validated changes and logs each changed value with who changed it. */
export async function applySecuritySettings(settings: HostSettings, changes: SecuritySettingChanges, actor: string, securityLog: Logger): Promise<void> {
  const before = settings.all();
  const changed = (Object.keys(changes) as Array<keyof SecuritySettingChanges>).filter((key) => changes[key] !== before[key]);
  if (changed.length === 0) return;
  await settings.update(changes);
  const summary = changed.map((key) => `${key} ${String(before[key])} -> ${String(changes[key])}`).join(', ');
  securityLog.info(`Security settings changed by ${actor}: ${summary}`);
}
