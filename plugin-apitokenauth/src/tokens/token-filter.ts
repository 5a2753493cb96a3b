import { InvalidInputError } from '@plughost/sdk';
import { maxDescriptionLength } from './description.js';

/** Page size of `GET /user/tokensByFilter` when `limit` is missing. */
export const defaultFilterLimit = 50;
/** The largest page `GET /user/tokensByFilter` returns. */
export const maxFilterLimit = 1000;
/** The most user names one filter may list. */
export const maxFilterUsernames = 100;

const maxUsernameLength = 255;

/** A validated token filter with paging. */
export interface TokenFilter {
  /** Lower-case owner names; empty means every owner. */
  readonly usernames: readonly string[];
  /** Text the description must contain, case-insensitively for ASCII letters; empty means any. */
  readonly text: string;
  /** Number of matching tokens to skip. */
  readonly start: number;
  readonly limit: number;
}

/** The raw filter parameters, as query strings or form fields carry them. */
export interface TokenFilterInput {
  readonly usernames?: string | undefined;
  readonly text?: string | undefined;
  readonly start?: string | undefined;
  readonly limit?: string | undefined;
}

/**
 * Validates the filter parameters and names every invalid one in a single error.
 *
 * @example
 * ```ts
 * parseTokenFilter({ usernames: 'alice, Bob', text: 'ci', start: '0', limit: '20' });
 * // { usernames: ['alice', 'bob'], text: 'ci', start: 0, limit: 20 }
 * ```
 */
export function parseTokenFilter(input: TokenFilterInput): TokenFilter {
  const errors: Record<string, string> = {};
  const usernames = parseUsernames(input.usernames ?? '', errors);
  const text = (input.text ?? '').trim();
  if (text.length > maxDescriptionLength) {
    errors.text = `text must not exceed ${maxDescriptionLength} characters (it has ${text.length}), because no description is longer.`;
  }
  const start = parseWholeNumber('start', input.start, 0, 0, Number.MAX_SAFE_INTEGER, errors);
  const limit = parseWholeNumber('limit', input.limit, defaultFilterLimit, 1, maxFilterLimit, errors);

  const names = Object.keys(errors);
  if (names.length > 0) {
    throw new InvalidInputError(`invalid filter: ${names.map((name) => errors[name]).join(' ')}`, errors);
  }
  return { usernames, text, start, limit };
}

function parseUsernames(value: string, errors: Record<string, string>): string[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== ''),
    ),
  ];
  const tooLong = names.find((name) => name.length > maxUsernameLength);
  if (tooLong !== undefined) {
    errors.usernames = `usernames contains a name of ${tooLong.length} characters; a user name has at most ${maxUsernameLength}.`;
  } else if (names.length > maxFilterUsernames) {
    errors.usernames = `usernames lists ${names.length} users; list at most ${maxFilterUsernames} per request.`;
  }
  return names;
}

function parseWholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number, errors: Record<string, string>): number {
  if (value === undefined || value.trim() === '') return fallback;
  const text = value.trim();
  const number = /^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    errors[name] = `${name} "${text.slice(0, 40)}" is invalid: use a whole number ${range}.`;
    return fallback;
  }
  return number;
}
