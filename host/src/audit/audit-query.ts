import { InvalidInputError } from '@plughost/sdk';

/** Filters and paging of an audit log read. */
export interface AuditQuery {
  readonly limit: number;
  readonly offset: number;
  /** Text that must occur in the author, action, category, objects, values or source; case-insensitive. */
  readonly search: string | undefined;
  /** Categories to include; empty means all. */
  readonly categories: readonly string[];
  readonly from: Date | undefined;
  readonly to: Date | undefined;
}

export const defaultAuditLimit = 200;
export const maxAuditLimit = 1000;
const maxSearchLength = 255;

type QueryValues = Record<string, string | string[] | undefined>;

/**
 * Parses the query parameters of the audit REST resource and page (`limit`, `offset`,
 * `search`, `categories`, `from`, `to`). Throws InvalidInputError naming each invalid parameter.
 */
export function parseAuditQuery(values: QueryValues): AuditQuery {
  const errors: Record<string, string> = {};
  const limit = parseCount(values, 'limit', defaultAuditLimit, 1, maxAuditLimit, errors);
  const offset = parseCount(values, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, errors);

  const searchText = single(values, 'search', errors)?.trim();
  if (searchText !== undefined && searchText.length > maxSearchLength) {
    errors.search = `The search text is ${searchText.length} characters long; use at most ${maxSearchLength}.`;
  }

  const categoryText = [values.categories ?? []].flat().join(',');
  const categories = [...new Set(categoryText.split(',').map((category) => category.trim()).filter((category) => category !== ''))];

  const from = parseTime(values, 'from', errors);
  const to = parseTime(values, 'to', errors);
  if (from && to && from.getTime() > to.getTime()) {
    errors.to = `The time range ends (${to.toISOString()}) before it starts (${from.toISOString()}); swap from and to.`;
  }

  const messages = Object.values(errors);
  if (messages.length > 0) throw new InvalidInputError(messages.join(' '), errors);
  return { limit, offset, search: searchText === '' ? undefined : searchText, categories, from, to };
}

function single(values: QueryValues, name: string, errors: Record<string, string>): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) {
    errors[name] = `The parameter '${name}' is given ${value.length} times; give it once.`;
    return undefined;
  }
  return value;
}

function parseCount(values: QueryValues, name: string, fallback: number, min: number, max: number, errors: Record<string, string>): number {
  const text = single(values, name, errors);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    errors[name] = `Invalid ${name} '${text.slice(0, 40)}': use a whole number from ${min} to ${max}.`;
    return fallback;
  }
  return value;
}

/** A time as epoch milliseconds or an ISO 8601 date or date-time. */
function parseTime(values: QueryValues, name: string, errors: Record<string, string>): Date | undefined {
  const text = single(values, name, errors)?.trim();
  if (text === undefined || text === '') return undefined;
  const time = /^\d+$/.test(text) ? new Date(Number(text)) : /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) {
    errors[name] = `Invalid ${name} '${text.slice(0, 40)}': use an ISO 8601 time such as 2026-12-04T07:25:00Z or epoch milliseconds.`;
    return undefined;
  }
  return time;
}
