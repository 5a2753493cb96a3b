import { InvalidInputError, type NotFoundError } from '@plughost/sdk';

/** The error box of a page: a sentence for people, then one line per invalid field. */
export interface PageErrorView {
  readonly error: string;
  readonly fieldErrors: readonly string[];
  readonly status: number;
}

/**
 * Turns an input error or a not-found error into the error box of a page. The message of an
 * `InvalidInputError` is written for REST clients and names fields by their JSON names. So a
 * page shows `summary` instead, and names each field by its label on the form. `labels` maps a
 * JSON name to that label, and an unmapped field shows its message alone.
 */
export function toPageError(error: InvalidInputError | NotFoundError, summary: string, labels: Readonly<Record<string, string>>): PageErrorView {
  if (!(error instanceof InvalidInputError)) return { error: error.message, fieldErrors: [], status: 404 };
  const fieldErrors = Object.entries(error.fieldErrors).map(([name, message]) => (labels[name] ? `${labels[name]}: ${message}` : message));
  // Without field errors the message is the only explanation there is.
  return { error: fieldErrors.length > 0 ? summary : error.message, fieldErrors, status: 400 };
}

/**
 * Rewrites field errors whose message starts with the JSON field path (`ipRestrictions[2] "x":
 * must be …`), so the page names the field by its label instead (`IP address restriction 3 "x":
 * must be …`). `labelOf` returns the label of a path, or `undefined` to keep the message as it is.
 */
export function labelFieldErrors(
  fieldErrors: Readonly<Record<string, string>>,
  labelOf: (field: string) => string | undefined,
): Record<string, string> {
  const labelled: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    const label = labelOf(field);
    if (label === undefined) labelled[field] = message;
    else if (message.startsWith(field)) labelled[field] = `${label}${message.slice(field.length)}`;
    else labelled[field] = `${label}: ${message}`;
  }
  return labelled;
}

/** Splits a field path such as `ipRestrictions[2]` into its list name and 1-based position. */
export function listPosition(field: string): { list: string; position: number } | undefined {
  const match = /^(.+)\[(\d+)\]$/.exec(field);
  return match ? { list: match[1]!, position: Number(match[2]) + 1 } : undefined;
}
