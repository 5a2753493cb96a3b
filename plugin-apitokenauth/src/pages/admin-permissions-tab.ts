import { InvalidInputError, type PageRequest } from '@plughost/sdk';
import type { AdminConfiguration } from '../admin/admin-configuration.js';
import { permissionLabels } from '../permissions/permission-warnings.js';
import { permissionNames, type PermissionName, type TokenPermissions } from '../permissions/permissions.js';
import type { TabOutcome } from './admin-settings-tab.js';
import { formCheckbox, formField, formList } from './form-fields.js';
import { labelFieldErrors, listPosition } from './page-errors.js';

// Field names join the permission and the field with "-", because the host's form parser turns
// "useTokens.groups" into a nested object.

/** The values of the permissions form: per permission the checkbox, the checked groups and a typed group. */
export type PermissionsForm = Record<PermissionName, { allowEveryone: boolean; groups: string[]; newGroup: string }>;

const everyoneLabels: Readonly<Record<PermissionName, string>> = {
  useTokens: 'Allow everyone to use tokens',
  createOwnTokens: 'Allow everyone to create tokens for themselves',
  createTokensForOthers: 'Allow everyone to create tokens for other users',
};

/** Fills the form from saved permissions. */
export function permissionsFormOf(permissions: TokenPermissions): PermissionsForm {
  const form = {} as PermissionsForm;
  for (const name of permissionNames) {
    form[name] = { allowEveryone: permissions[name].allowEveryone, groups: [...permissions[name].groups], newGroup: '' };
  }
  return form;
}

/**
 * Handles a POST of the permissions form. A group typed into "Another group" is added to the
 * checked ones. Nothing is saved when any value is invalid, and the form keeps what was entered.
 */
export async function handlePermissionsPost(configuration: AdminConfiguration, request: PageRequest): Promise<TabOutcome<PermissionsForm>> {
  const form = {} as PermissionsForm;
  for (const name of permissionNames) {
    const groups = formList(request, `${name}-groups`).filter((group) => group !== '');
    const newGroup = formField(request, `${name}-newGroup`);
    if (newGroup.trim() !== '') groups.push(newGroup);
    form[name] = { allowEveryone: formCheckbox(request, `${name}-allowEveryone`), groups, newGroup: '' };
  }
  const input = Object.fromEntries(permissionNames.map((name) => [name, { allowEveryone: form[name].allowEveryone, groups: form[name].groups }]));

  try {
    const { permissions, warnings } = await configuration.savePermissions(input, request);
    return { form: permissionsFormOf(permissions), success: 'The permissions were saved.', warnings };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const fieldErrors = labelFieldErrors(error.fieldErrors, permissionFieldLabel);
    return { form, status: 400, errors: Object.values(fieldErrors), fieldErrors };
  }
}

/** Names a permission field by the permission's label, such as `Use Tokens, group 2`. */
function permissionFieldLabel(field: string): string | undefined {
  const name = permissionNames.find((permission) => field === permission || field.startsWith(`${permission}.`));
  if (name === undefined) return undefined;
  const rest = field.slice(name.length + 1);
  const entry = listPosition(rest);
  if (entry && entry.list === 'groups') return `${permissionLabels[name]}, group ${entry.position}`;
  if (rest === 'groups') return `${permissionLabels[name]}, groups`;
  if (rest === 'allowEveryone') return `${permissionLabels[name]}, ${everyoneLabels[name]}`;
  return permissionLabels[name];
}

/**
 * Builds the template context of the permissions tab. Each permission lists every existing
 * group as a checkbox, plus the groups of the form that do not exist, so saving again keeps them.
 */
export function permissionsContext(outcome: TabOutcome<PermissionsForm>, existingGroups: readonly string[]) {
  // NOTE: every group of the host becomes a checkbox per permission. That suits tens of groups,
  // but with thousands the page gets long and a search picker would be needed.
  const fieldErrors = Object.entries(outcome.fieldErrors ?? {});
  const existing = new Set(existingGroups);
  return {
    permissions: permissionNames.map((name) => {
      const entry = outcome.form[name];
      const chosen = new Set(entry.groups.map((group) => group.trim().toLowerCase()));
      const missing = [...chosen].filter((group) => group !== '' && !existing.has(group));
      return {
        name,
        label: permissionLabels[name],
        everyoneLabel: everyoneLabels[name],
        allowEveryone: entry.allowEveryone,
        groups: [...existingGroups, ...missing].map((group) => ({ group, checked: chosen.has(group), unknown: !existing.has(group) })),
        newGroup: entry.newGroup,
        errors: fieldErrors.filter(([field]) => field.startsWith(`${name}.`)).map(([, message]) => message),
      };
    }),
  };
}
