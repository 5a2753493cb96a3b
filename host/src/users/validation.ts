import { InvalidInputError } from '@plughost/sdk';

export const maxNameLength = 255;
export const maxDisplayNameLength = 255;
export const maxEmailLength = 255;
export const maxPasswordLength = 1024;

/** Characters a user or group name may not contain: control characters, whitespace at the ends, and those that break URLs and Basic auth. */
const forbiddenNameCharacters = /[\u0000-\u001f\u007f:/\\<>"'&,]/;

/** Checks a user or group name and returns it lower-cased. */
export function normaliseName(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new InvalidInputError(`${field} is missing`, { [field]: `You must specify a ${field}.` });
  }
  if (typeof value !== 'string') {
    throw new InvalidInputError(`${field} must be a string`, { [field]: `The ${field} must be text.` });
  }
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw new InvalidInputError(`${field} is empty`, { [field]: `You must specify a ${field}.` });
  }
  if (trimmed.length > maxNameLength) {
    throw new InvalidInputError(`${field} is too long`, {
      [field]: `The ${field} must not exceed ${maxNameLength} characters (it has ${trimmed.length}).`,
    });
  }
  if (forbiddenNameCharacters.test(trimmed)) {
    throw new InvalidInputError(`${field} contains an invalid character`, {
      [field]: `The ${field} must not contain control characters or any of : / \\ < > " ' & ,`,
    });
  }
  return trimmed.toLowerCase();
}

/**
 * Checks a free-text field and returns it trimmed. `label` names the field with its article
 * ("a display name"), so messages read "You must specify a display name." A value of only
 * spaces counts as missing.
 */
export function checkText(field: string, label: string, value: unknown, maxLength: number, required: boolean): string {
  const noun = label.replace(/^(a|an) /, '');
  const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (blank) {
    if (required) throw new InvalidInputError(`${field} is missing`, { [field]: `You must specify ${label}.` });
    return '';
  }
  if (typeof value !== 'string') {
    throw new InvalidInputError(`${field} must be a string`, { [field]: `The ${noun} must be text.` });
  }
  if (value.length > maxLength) {
    throw new InvalidInputError(`${field} is too long`, {
      [field]: `The ${noun} must not exceed ${maxLength} characters (it has ${value.length}).`,
    });
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidInputError(`${field} contains a control character`, { [field]: `The ${noun} must not contain control characters.` });
  }
  return value.trim();
}

export function checkEmail(value: unknown, required: boolean): string {
  const email = checkText('emailAddress', 'an email address', value, maxEmailLength, required);
  if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new InvalidInputError('emailAddress is invalid', { emailAddress: `"${email}" is not a valid email address.` });
  }
  return email;
}

export function checkPassword(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new InvalidInputError('password is missing', { password: 'You must specify a password.' });
  }
  if (typeof value !== 'string') {
    throw new InvalidInputError('password must be a string', { password: 'The password must be text.' });
  }
  if (value.length > maxPasswordLength) {
    throw new InvalidInputError('password is too long', { password: `The password must not exceed ${maxPasswordLength} characters.` });
  }
  return value;
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidInputError(`${field} must be true or false`, { [field]: `The ${field} must be true or false.` });
  }
  return value;
}

/**
 * Runs every field check and returns their results, or throws one InvalidInputError with the
 * field errors of all failed checks, so a form can show every problem at once.
 */
export function checkFields<T extends Record<string, () => unknown>>(checks: T): { [K in keyof T]: ReturnType<T[K]> } {
  const results: Record<string, unknown> = {};
  const fieldErrors: Record<string, string> = {};
  const messages: string[] = [];
  for (const [field, check] of Object.entries(checks)) {
    try {
      results[field] = check();
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      Object.assign(fieldErrors, error.fieldErrors);
      messages.push(error.message);
    }
  }
  if (messages.length > 0) throw new InvalidInputError(messages.join('; '), fieldErrors);
  return results as { [K in keyof T]: ReturnType<T[K]> };
}
