import type { HostSettingValues } from '../host-settings.js';

/** Limits of the security settings. */
export const securitySettingLimits = {
  maxAuthenticationAttempts: { min: 0, max: 100 },
  webSudoTimeoutMinutes: { min: 1, max: 1440 },
} as const;

export type SecuritySettingChanges = Partial<HostSettingValues>;

/** Validated changes, or a message per invalid field. */
export type SecuritySettingsParseResult =
  | { readonly ok: true; readonly changes: SecuritySettingChanges }
  | { readonly ok: false; readonly errors: Record<string, string> };

const knownFields = ['maxAuthenticationAttempts', 'webSudoEnabled', 'webSudoTimeoutMinutes'];

/** Labels of the settings on the Security settings page, for its error messages. */
export const securitySettingLabels: Readonly<Record<string, string>> = {
  maxAuthenticationAttempts: 'Maximum authentication attempts allowed',
  webSudoEnabled: 'WebSudo (secure administrator sessions)',
  webSudoTimeoutMinutes: 'WebSudo timeout (minutes)',
};

/** The reader of an error message, which decides whether a field is named by its JSON name (REST) or its page label. */
export type SettingsAudience = 'rest' | 'page';

/**
 * Validates the security settings of a REST body or a form. Numbers may arrive as JSON numbers
 * or as form text; booleans as JSON booleans or as `true`/`false` text. Missing fields stay
 * unchanged; unknown fields are an error, so a typo is not silently ignored.
 */
export function parseSecuritySettings(input: Record<string, unknown>, audience: SettingsAudience = 'rest'): SecuritySettingsParseResult {
  const errors: Record<string, string> = {};
  const changes: SecuritySettingChanges = {};

  for (const key of Object.keys(input)) {
    if (!knownFields.includes(key)) errors[key] = `Unknown setting '${key.slice(0, 100)}'. The settings are ${knownFields.join(', ')}.`;
  }

  const attempts = parseWholeNumber(input.maxAuthenticationAttempts, 'maxAuthenticationAttempts', securitySettingLimits.maxAuthenticationAttempts, audience, errors);
  if (attempts !== undefined) changes.maxAuthenticationAttempts = attempts;

  const timeout = parseWholeNumber(input.webSudoTimeoutMinutes, 'webSudoTimeoutMinutes', securitySettingLimits.webSudoTimeoutMinutes, audience, errors);
  if (timeout !== undefined) changes.webSudoTimeoutMinutes = timeout;

  const enabled = input.webSudoEnabled;
  if (enabled === true || enabled === 'true') changes.webSudoEnabled = true;
  else if (enabled === false || enabled === 'false') changes.webSudoEnabled = false;
  else if (enabled !== undefined) errors.webSudoEnabled = `${fieldName('webSudoEnabled', audience)} must be true or false, not ${describe(enabled)}.`;

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes };
}

function parseWholeNumber(
  value: unknown,
  name: string,
  limits: { readonly min: number; readonly max: number },
  audience: SettingsAudience,
  errors: Record<string, string>,
): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < limits.min || number > limits.max) {
    const action = audience === 'page' ? 'Enter' : 'Send';
    errors[name] = `${fieldName(name, audience)} must be a whole number from ${limits.min} to ${limits.max}, not ${describe(value)}. ${action} a number in that range.`;
    return undefined;
  }
  return number;
}

function fieldName(name: string, audience: SettingsAudience): string {
  return audience === 'page' ? `"${securitySettingLabels[name] ?? name}"` : name;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
