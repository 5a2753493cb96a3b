import {
  CLIENT_IP_HEADERS,
  type ClientIpHeader,
  type ReverseProxySettings,
} from '../client-address/client-address-resolver.js';
import { computeAddressWarnings, type AddressWarning } from '../client-address/address-warnings.js';
import type { ClientAddressRequest } from '../client-address/client-address-resolver.js';
import { quoteRequestText } from '../client-address/forwarded-header.js';
import { coversWholeFamily, parseIpEntry, type IpEntry, type IpRange, mappedIpv4Part } from '../client-address/ip-entry.js';
import type { IpFamily } from '../client-address/ip-address.js';
import type { TokenSettings } from './token-settings.js';
import { validityValues, type Validity } from './validity.js';

/**
 * One validation error. `field` is a path such as `ipRestrictions[2]` (list indexes start at 0);
 * `message` starts with that path and the value, and ends with what to do.
 */
export interface SettingsError {
  readonly field: string;
  readonly message: string;
}

/** Result of {@link validateSettings}: the normalised settings, or every error found. */
export type SettingsValidationResult =
  | { readonly ok: true; readonly settings: TokenSettings }
  | { readonly ok: false; readonly errors: readonly SettingsError[] };

const TOP_LEVEL_FIELDS = ['maxValidity', 'ipRestrictions', 'reverseProxy', 'passwordBasicAuthDisabled'];
const REVERSE_PROXY_FIELDS = ['enabled', 'trustedProxies', 'clientIpHeader'];

/**
 * Validates a complete settings object, for example a `PUT /admin/settings` body. Every field
 * is required and unknown fields are errors, so a typo is not silently ignored. Address entries
 * are trimmed and rewritten in canonical form (`::ffff:10.0.0.1` becomes `10.0.0.1`).
 * Trusted proxies must not match every address of a family, alone or together, because any
 * client could then choose its own address by sending the header.
 *
 * @example
 * ```ts
 * const result = validateSettings({ ...defaultSettings, ipRestrictions: ['10.0.0.0/33'] });
 * if (!result.ok) console.log(result.errors[0]?.message);
 * // ipRestrictions[0] "10.0.0.0/33": the prefix length must be 0-32 for IPv4
 * ```
 */
export function validateSettings(input: unknown): SettingsValidationResult {
  const errors: SettingsError[] = [];
  if (!isPlainObject(input)) {
    const message = `settings: expected a JSON object with the fields ${TOP_LEVEL_FIELDS.join(', ')}`;
    return { ok: false, errors: [{ field: 'settings', message }] };
  }
  reportUnknownFields(input, TOP_LEVEL_FIELDS, '', errors);

  const maxValidity = validateMaxValidity(input['maxValidity'], errors);
  const ipRestrictions = validateEntryList(input['ipRestrictions'], 'ipRestrictions', errors);
  const reverseProxy = validateReverseProxy(input['reverseProxy'], errors);
  const passwordBasicAuthDisabled = validateBoolean(input['passwordBasicAuthDisabled'], 'passwordBasicAuthDisabled', errors);

  if (errors.length > 0 || !maxValidity || !ipRestrictions || !reverseProxy || passwordBasicAuthDisabled === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, settings: { maxValidity, ipRestrictions: ipRestrictions.map((entry) => entry.text), reverseProxy, passwordBasicAuthDisabled } };
}

/**
 * Computes the warnings to show after saving valid settings. Warnings are advice: the caller
 * saves the settings anyway. Pass the admin's request to learn whether its own address would
 * still be allowed.
 *
 * @example
 * ```ts
 * const warnings = computeSettingsWarnings(settings, { peerAddress: request.remoteAddress, headers: request.headers });
 * ```
 */
export function computeSettingsWarnings(settings: TokenSettings, request?: ClientAddressRequest): AddressWarning[] {
  return computeAddressWarnings(settings, request);
}

/** Converts errors to the `fieldErrors` map of the SDK's `InvalidInputError`. */
export function toFieldErrors(errors: readonly SettingsError[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const error of errors) {
    const previous = fieldErrors[error.field];
    fieldErrors[error.field] = previous === undefined ? error.message : `${previous}; ${error.message}`;
  }
  return fieldErrors;
}

function validateMaxValidity(value: unknown, errors: SettingsError[]): Validity | undefined {
  const match = validityValues.find((allowed) => allowed === value);
  if (match) return match;
  errors.push(fieldError('maxValidity', value, `must be one of ${validityValues.join(', ')}`));
  return undefined;
}

function validateReverseProxy(value: unknown, errors: SettingsError[]): ReverseProxySettings | undefined {
  if (!isPlainObject(value)) {
    errors.push(fieldError('reverseProxy', value, `must be an object with the fields ${REVERSE_PROXY_FIELDS.join(', ')}`));
    return undefined;
  }
  reportUnknownFields(value, REVERSE_PROXY_FIELDS, 'reverseProxy.', errors);

  const enabled = validateBoolean(value['enabled'], 'reverseProxy.enabled', errors);
  const trustedProxies = validateEntryList(value['trustedProxies'], 'reverseProxy.trustedProxies', errors);
  if (trustedProxies) rejectMatchAllProxies(trustedProxies, value['trustedProxies'] as readonly string[], errors);
  const clientIpHeader = validateClientIpHeader(value['clientIpHeader'], errors);

  if (enabled === undefined || !trustedProxies || !clientIpHeader) return undefined;
  return { enabled, trustedProxies: trustedProxies.map((entry) => entry.text), clientIpHeader };
}

function validateClientIpHeader(value: unknown, errors: SettingsError[]): ClientIpHeader | undefined {
  // Header names are case-insensitive, so "x-real-ip" is accepted and stored in its usual spelling.
  const match = CLIENT_IP_HEADERS.find((header) => typeof value === 'string' && header.toLowerCase() === value.trim().toLowerCase());
  if (match) return match;
  errors.push(fieldError('reverseProxy.clientIpHeader', value, `must be one of ${CLIENT_IP_HEADERS.join(', ')}`));
  return undefined;
}

function validateBoolean(value: unknown, field: string, errors: SettingsError[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  errors.push(fieldError(field, value, 'must be true or false'));
  return undefined;
}

/** Parses every entry of an address list, with one error per invalid entry. */
function validateEntryList(value: unknown, field: string, errors: SettingsError[]): IpEntry[] | undefined {
  if (!Array.isArray(value)) {
    errors.push(fieldError(field, value, 'must be a list of addresses, CIDR blocks or ranges (an empty list is allowed)'));
    return undefined;
  }
  const entries: IpEntry[] = [];
  const errorCount = errors.length;
  value.forEach((item: unknown, index) => {
    const itemField = `${field}[${index}]`;
    if (typeof item !== 'string') {
      errors.push(fieldError(itemField, item, 'must be a string such as "192.0.2.10", "10.0.0.0/8" or "192.0.2.10-192.0.2.20"'));
      return;
    }
    const parsed = parseIpEntry(item);
    if (parsed.ok) entries.push(parsed.entry);
    else errors.push(fieldError(itemField, item, parsed.message));
  });
  return errors.length === errorCount ? entries : undefined;
}

/** Rejects trusted proxies that match a whole family. `typedTexts` are the entries as sent, for the messages. */
function rejectMatchAllProxies(entries: readonly IpEntry[], typedTexts: readonly string[], errors: SettingsError[]): void {
  const field = 'reverseProxy.trustedProxies';
  let reported = false;
  entries.forEach((entry, index) => {
    const family = familyCoveredBy([entry.range]);
    if (!family) return;
    errors.push(fieldError(`${field}[${index}]`, typedTexts[index] ?? entry.text, matchAllMessage(family, 'this entry matches')));
    reported = true;
  });
  if (reported) return;

  const family = familyCoveredBy(entries.map((entry) => entry.range));
  if (family) errors.push({ field, message: `${field}: ${matchAllMessage(family, 'together the entries match')}` });
}

function familyCoveredBy(ranges: readonly IpRange[]): IpFamily | undefined {
  // An IPv6 range over the mapped block also trusts the IPv4 addresses in it.
  const withMapped = ranges.flatMap((range) => [range, mappedIpv4Part(range)].filter((item) => item !== undefined));
  // IPv6 first, so that ::/0 is reported as matching every IPv6 address.
  if (coversWholeFamily(withMapped, 'ipv6')) return 'ipv6';
  if (coversWholeFamily(withMapped, 'ipv4')) return 'ipv4';
  return undefined;
}

function matchAllMessage(family: IpFamily, subject: string): string {
  const label = family === 'ipv4' ? 'IPv4' : 'IPv6';
  return `${subject} every ${label} address, so any client could set its own address through the header; list only the addresses of your reverse proxies`;
}

function reportUnknownFields(object: Record<string, unknown>, known: readonly string[], prefix: string, errors: SettingsError[]): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    errors.push({ field: `${prefix}${key}`, message: `${prefix}${key}: unknown setting; the known ones are ${known.join(', ')}` });
  }
}

function fieldError(field: string, value: unknown, problem: string): SettingsError {
  return { field, message: `${field} ${describeValue(value)}: ${problem}` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return quoteRequestText(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? '(a list)' : '(an object)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
