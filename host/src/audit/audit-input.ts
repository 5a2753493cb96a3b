import type { AuditEventInput } from '@plughost/sdk';

/** Maximum length of one text field of a record; longer values are cut, so one record stays small. */
export const maxAuditFieldLength = 1000;

/**
 * Checks the shape of an audit input and throws TypeError naming the writer (the host or a
 * plugin key), because a malformed record is a programming error, not bad user input.
 */
export function checkAuditInput(input: AuditEventInput, writer: string): void {
  const fail = (problem: string): never => {
    throw new TypeError(`audit record from ${writer}: ${problem}`);
  };
  if (typeof input !== 'object' || input === null) fail('the input must be an object');
  for (const field of ['category', 'action'] as const) {
    if (typeof input[field] !== 'string' || input[field].trim() === '') fail(`${field} must be a non-empty string`);
  }
  if (input.area !== undefined && typeof input.area !== 'string') fail('area must be a string when given');
  for (const object of input.affectedObjects ?? []) {
    if (typeof object?.type !== 'string' || typeof object?.name !== 'string') fail('each affected object needs a string type and name');
  }
  for (const change of input.changedValues ?? []) {
    if (typeof change?.key !== 'string' || typeof change?.from !== 'string' || typeof change?.to !== 'string') {
      fail('each changed value needs a string key, from and to');
    }
  }
  for (const [key, value] of Object.entries(input.attributes ?? {})) {
    if (typeof value !== 'string') fail(`attribute ${key} must be a string`);
  }
}

/** Cuts a text to {@link maxAuditFieldLength} characters. */
export function limitLength(text: string): string {
  return text.length > maxAuditFieldLength ? `${text.slice(0, maxAuditFieldLength - 1)}…` : text;
}
