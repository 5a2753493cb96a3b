import { InvalidInputError, type PageRequest } from '@plughost/sdk';
import type { AdminConfiguration } from '../admin/admin-configuration.js';
import { CLIENT_IP_HEADERS } from '../client-address/client-address-resolver.js';
import { parseIpEntry } from '../client-address/ip-entry.js';
import type { TokenSettings } from '../settings/token-settings.js';
import { validityLabel, validityValues, type Validity } from '../settings/validity.js';
import { formCheckbox, formField, formList } from './form-fields.js';
import { labelFieldErrors, listPosition } from './page-errors.js';

/** The values of the settings form, as entered; lists hold the entries as typed. */
export interface SettingsForm {
  maxValidity: string;
  ipRestriction: string[];
  newIpRestriction: string;
  reverseProxyEnabled: boolean;
  trustedProxy: string[];
  newTrustedProxy: string;
  clientIpHeader: string;
  passwordBasicAuthDisabled: boolean;
}

/** The outcome of a tab's POST: the form values to show, plus messages and the HTTP status. */
export interface TabOutcome<Form> {
  form: Form;
  status?: number;
  success?: string;
  notice?: string;
  errors?: string[];
  fieldErrors?: Readonly<Record<string, string>>;
  addErrors?: Readonly<Record<string, string>>;
  warnings?: readonly { code: string; message: string }[];
}

// Never first, then the months in ascending order, as the maximum validity choice lists them.
const validityOrder: readonly Validity[] = ['NEVER', ...validityValues.filter((value) => value !== 'NEVER')];

/** Fills the form from saved settings. */
export function settingsFormOf(settings: TokenSettings): SettingsForm {
  return {
    maxValidity: settings.maxValidity,
    ipRestriction: [...settings.ipRestrictions],
    newIpRestriction: '',
    reverseProxyEnabled: settings.reverseProxy.enabled,
    trustedProxy: [...settings.reverseProxy.trustedProxies],
    newTrustedProxy: '',
    clientIpHeader: settings.reverseProxy.clientIpHeader,
    passwordBasicAuthDisabled: settings.passwordBasicAuthDisabled,
  };
}

/**
 * Handles a POST of the settings form: `save`, `add-ip`, `add-proxy`, `remove-ip:<index>` or
 * `remove-proxy:<index>`. Adding and removing change only the form, so the admin can edit the
 * lists without JavaScript and saves them with the rest. An entry still in an "add" field is
 * saved too, so typing it and pressing Save is enough.
 */
export async function handleSettingsPost(configuration: AdminConfiguration, request: PageRequest): Promise<TabOutcome<SettingsForm>> {
  const form = readSettingsForm(request);
  const action = formField(request, 'action');
  const [verb, indexText] = action.split(':');
  const notice = 'Not saved yet: press Save to apply the changed list.';

  switch (verb) {
    case 'add-ip':
      return addEntry(withoutEmptyEntries(form), 'ipRestriction', 'newIpRestriction', notice);
    case 'add-proxy':
      return addEntry(withoutEmptyEntries(form), 'trustedProxy', 'newTrustedProxy', notice);
    case 'remove-ip':
      removeEntry(form.ipRestriction, indexText);
      return { form: withoutEmptyEntries(form), notice };
    case 'remove-proxy':
      removeEntry(form.trustedProxy, indexText);
      return { form: withoutEmptyEntries(form), notice };
    default:
      return save(configuration, request, withoutEmptyEntries(form));
  }
}

async function save(configuration: AdminConfiguration, request: PageRequest, form: SettingsForm): Promise<TabOutcome<SettingsForm>> {
  if (form.newIpRestriction !== '') form.ipRestriction.push(form.newIpRestriction);
  if (form.newTrustedProxy !== '') form.trustedProxy.push(form.newTrustedProxy);
  form.newIpRestriction = '';
  form.newTrustedProxy = '';
  const input = {
    maxValidity: form.maxValidity,
    ipRestrictions: form.ipRestriction,
    reverseProxy: { enabled: form.reverseProxyEnabled, trustedProxies: form.trustedProxy, clientIpHeader: form.clientIpHeader },
    passwordBasicAuthDisabled: form.passwordBasicAuthDisabled,
  };
  try {
    const { settings, warnings } = await configuration.saveSettings(input, request);
    return { form: settingsFormOf(settings), success: 'The settings were saved.', warnings };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const fieldErrors = labelFieldErrors(error.fieldErrors, settingsFieldLabel);
    return { form, status: 400, errors: Object.values(fieldErrors), fieldErrors };
  }
}

/** Labels of the settings fields on this tab, by JSON path. */
const settingsLabels: Readonly<Record<string, string>> = {
  maxValidity: 'Maximum validity of a token',
  ipRestrictions: 'IP address restrictions',
  reverseProxy: 'Reverse proxy',
  'reverseProxy.enabled': 'Reverse proxy',
  'reverseProxy.trustedProxies': 'Trusted proxies',
  'reverseProxy.clientIpHeader': 'Header with the client address',
  passwordBasicAuthDisabled: 'Passwords',
};

/** Singular labels of the list entries, by the JSON path of the list. */
const settingsEntryLabels: Readonly<Record<string, string>> = {
  ipRestrictions: 'IP address restriction',
  'reverseProxy.trustedProxies': 'Trusted proxy',
};

function settingsFieldLabel(field: string): string | undefined {
  const entry = listPosition(field);
  if (entry && settingsEntryLabels[entry.list]) return `${settingsEntryLabels[entry.list]} ${entry.position}`;
  return settingsLabels[field];
}

function addEntry(form: SettingsForm, list: 'ipRestriction' | 'trustedProxy', field: 'newIpRestriction' | 'newTrustedProxy', notice: string): TabOutcome<SettingsForm> {
  const text = form[field];
  if (text === '') return { form, status: 400, addErrors: { [field]: 'Enter an address, CIDR block or range first.' } };
  const parsed = parseIpEntry(text);
  if (!parsed.ok) return { form, status: 400, addErrors: { [field]: `"${text}": ${parsed.message}` } };
  form[list].push(parsed.entry.text);
  form[field] = '';
  return { form, notice };
}

/** Removes the entry at a position sent by a Remove button; an index that is not in the list changes nothing. */
function removeEntry(list: string[], indexText: string | undefined): void {
  const index = Number(indexText);
  if (Number.isInteger(index) && index >= 0 && index < list.length) list.splice(index, 1);
}

/** Drops list rows the admin emptied, which is another way to remove an entry. */
function withoutEmptyEntries(form: SettingsForm): SettingsForm {
  return { ...form, ipRestriction: form.ipRestriction.filter((entry) => entry !== ''), trustedProxy: form.trustedProxy.filter((entry) => entry !== '') };
}

function readSettingsForm(request: PageRequest): SettingsForm {
  return {
    maxValidity: formField(request, 'maxValidity'),
    ipRestriction: formList(request, 'ipRestriction'),
    newIpRestriction: formField(request, 'newIpRestriction').trim(),
    reverseProxyEnabled: formCheckbox(request, 'reverseProxyEnabled'),
    trustedProxy: formList(request, 'trustedProxy'),
    newTrustedProxy: formField(request, 'newTrustedProxy').trim(),
    clientIpHeader: formField(request, 'clientIpHeader'),
    passwordBasicAuthDisabled: formCheckbox(request, 'passwordBasicAuthDisabled'),
  };
}

/** Builds the template context of the settings tab. */
export function settingsContext(outcome: TabOutcome<SettingsForm>) {
  const { form } = outcome;
  const fieldErrors = outcome.fieldErrors ?? {};
  const rows = (values: readonly string[], field: string) =>
    values.map((value, index) => ({ value, index, position: index + 1, error: fieldErrors[`${field}[${index}]`] }));
  return {
    form,
    validityOptions: validityOrder.map((value) => ({ value, label: validityLabel(value), selected: value === form.maxValidity })),
    headerOptions: CLIENT_IP_HEADERS.map((value) => ({ value, selected: value === form.clientIpHeader })),
    ipRows: rows(form.ipRestriction, 'ipRestrictions'),
    proxyRows: rows(form.trustedProxy, 'reverseProxy.trustedProxies'),
    addErrors: outcome.addErrors ?? {},
  };
}
