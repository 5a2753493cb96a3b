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
