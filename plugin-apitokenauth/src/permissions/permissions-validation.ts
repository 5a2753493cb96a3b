import { permissionNames, type PermissionGrant, type PermissionName, type TokenPermissions } from './permissions.js';

/** One validation error: `field` is a path such as `useTokens.groups[1]`, and `message` starts with it. */
export interface PermissionsError {
  readonly field: string;
  readonly message: string;
}

/** Result of {@link validatePermissions}: the normalised permissions, or every error found. */
export type PermissionsValidationResult =
  | { readonly ok: true; readonly permissions: TokenPermissions }
  | { readonly ok: false; readonly errors: readonly PermissionsError[] };

const GRANT_FIELDS = ['allowEveryone', 'groups'];

/** Maximum length of a group name, as the host's group names allow. */
export const maxGroupNameLength = 255;

/**
 * Validates a complete permissions object, for example a `PUT /admin/permissions` body. All
 * three permissions and both fields of each are required, and unknown fields are errors, so a
 * misspelt field is not dropped in silence. Group names are trimmed, lower-cased (the host
 * compares group names lower-case) and deduplicated. Whether a group exists is not checked
 * here: an unknown group is a warning, not an error.
 *
 * @example
 * ```ts
 * const result = validatePermissions({ ...defaultPermissions('jira-administrators'), useTokens: { allowEveryone: 'yes', groups: [] } });
 * // result.ok === false; result.errors[0].message: 'useTokens.allowEveryone "yes": must be true or false'
 * ```
 */
export function validatePermissions(input: unknown): PermissionsValidationResult {
  const errors: PermissionsError[] = [];
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ field: 'permissions', message: `permissions: expected a JSON object with the fields ${permissionNames.join(', ')}` }] };
  }
  reportUnknownFields(input, permissionNames, '', errors);

  const grants: Partial<Record<PermissionName, PermissionGrant>> = {};
  for (const name of permissionNames) {
    const grant = validateGrant(input[name], name, errors);
    if (grant) grants[name] = grant;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, permissions: grants as TokenPermissions };
}

function validateGrant(value: unknown, field: string, errors: PermissionsError[]): PermissionGrant | undefined {
  if (!isPlainObject(value)) {
    errors.push(fieldError(field, value, 'must be an object such as {"allowEveryone":false,"groups":["developers"]}'));
    return undefined;
  }
  reportUnknownFields(value, GRANT_FIELDS, `${field}.`, errors);

  const allowEveryone = value['allowEveryone'];
  if (typeof allowEveryone !== 'boolean') errors.push(fieldError(`${field}.allowEveryone`, allowEveryone, 'must be true or false'));
  const groups = validateGroups(value['groups'], `${field}.groups`, errors);
  if (typeof allowEveryone !== 'boolean' || !groups) return undefined;
  return { allowEveryone, groups };
}

function validateGroups(value: unknown, field: string, errors: PermissionsError[]): string[] | undefined {
  if (!Array.isArray(value)) {
    errors.push(fieldError(field, value, 'must be a list of group names (an empty list is allowed)'));
    return undefined;
  }
  const errorCount = errors.length;
  const groups: string[] = [];
  value.forEach((item: unknown, index) => {
    const itemField = `${field}[${index}]`;
    const problem = groupNameProblem(item);
    if (problem) {
      errors.push(fieldError(itemField, item, problem));
      return;
    }
    const name = (item as string).trim().toLowerCase();
    if (!groups.includes(name)) groups.push(name);
  });
  return errors.length === errorCount ? groups : undefined;
}

/** Describes what is wrong with a group name, or returns undefined for a valid one. */
export function groupNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a group name in quotes';
  const name = value.trim();
  if (name.length === 0) return 'must not be empty; remove the entry or enter a group name';
  if (name.length > maxGroupNameLength) return `must be at most ${maxGroupNameLength} characters long`;
  // The host rejects these characters in group names, so no group of such a name can exist.
  if (/[\u0000-\u001f\u007f:/\\<>"'&,]/.test(name)) return 'must not contain control characters or any of : / \\ < > " \' & ,';
  return undefined;
}

function reportUnknownFields(object: Record<string, unknown>, known: readonly string[], prefix: string, errors: PermissionsError[]): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    errors.push({ field: `${prefix}${key}`, message: `${prefix}${key}: unknown field; the known ones are ${known.join(', ')}` });
  }
}

function fieldError(field: string, value: unknown, problem: string): PermissionsError {
  return { field, message: `${field} ${describeValue(value)}: ${problem}` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '(a list)' : '(an object)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
