import { parseIpAddress, type IpAddressParseResult } from './ip-address.js';

/** Request headers as the SDK passes them: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

const MAX_QUOTED_LENGTH = 64;
const BRACKETED = /^\[([^\]]*)\](?::(\d{1,5}))?$/;
const IPV4_WITH_PORT = /^([0-9.]+):(\d{1,5})$/;

/**
 * Returns the values of every header named `name` (compared case-insensitively), in the order
 * they were received. Node joins repeated `X-Forwarded-For` lines with ", " already; other
 * servers pass an array, so both forms are accepted.
 */
export function readHeaderValues(headers: RequestHeaders, name: string): string[] {
  const expectedName = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== expectedName || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value);
    else values.push(value);
  }
  return values;
}

/**
 * Splits `X-Forwarded-For` values into their elements, left to right, joining repeated
 * headers in order as RFC 9110 section 5.3 allows for list headers. Elements are trimmed and
 * empty ones are kept, so positions match what an operator counts in the raw header.
 */
export function splitForwardedFor(values: readonly string[]): string[] {
  return values.join(',').split(',').map((element) => element.trim());
}

/**
 * Parses one address as proxies write it in `X-Forwarded-For` or `X-Real-IP`: a bare IPv4 or
 * IPv6 address, IPv4 with a port (`203.0.113.7:8080`), or bracketed IPv6 with an optional port
 * (`[2001:db8::1]:443`). The port is dropped. `unknown`, obfuscated identifiers (`_hidden`),
 * quoted values and anything else fail with a reason.
 */
export function parseHeaderAddress(rawText: string): IpAddressParseResult {
  const text = rawText.trim();
  if (text === '') return { ok: false, reason: 'the element is empty' };
  if (text.toLowerCase() === 'unknown') {
    return { ok: false, reason: 'the proxy that added it did not know the client address' };
  }

  const bracketed = BRACKETED.exec(text);
  if (bracketed) {
    const [, inner = '', port] = bracketed;
    if (!inner.includes(':')) return { ok: false, reason: 'brackets are only allowed around an IPv6 address' };
    if (port !== undefined && !isValidPort(port)) return { ok: false, reason: `the port ${port} is not 0-65535` };
    return parseIpAddress(inner);
  }

  const withPort = IPV4_WITH_PORT.exec(text);
  if (withPort) {
    const [, address = '', port = ''] = withPort;
    if (!isValidPort(port)) return { ok: false, reason: `the port ${port} is not 0-65535` };
    return parseIpAddress(address);
  }
  return parseIpAddress(text);
}

/**
 * Quotes text taken from a request for a log line or a page: at most 64 characters, in
 * JSON string syntax so that control characters and line breaks cannot forge log lines.
 */
export function quoteRequestText(text: string): string {
  const shortened = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return JSON.stringify(shortened);
}

function isValidPort(port: string): boolean {
  return Number(port) <= 65535;
}
