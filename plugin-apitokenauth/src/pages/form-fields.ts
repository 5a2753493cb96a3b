import type { PageRequest } from '@plughost/sdk';

/** Reads a single form field; a repeated field gives its first value, a missing one `''`. */
export function formField(request: PageRequest, name: string): string {
  const value = request.form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Reads a repeated form field in order, trimmed, with empty values kept so positions match the rendered rows. */
export function formList(request: PageRequest, name: string): string[] {
  const value = request.form[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.map((item) => item.trim());
}

/** Reads a checkbox, which browsers send only when it is checked. */
export function formCheckbox(request: PageRequest, name: string): boolean {
  return request.form[name] !== undefined;
}
