import type { RequestCredentials } from '@plughost/sdk';

/** Why an `Authorization` header could not be read. */
export class MalformedAuthorizationError extends Error {
  override name = 'MalformedAuthorizationError';
}

const maxHeaderLength = 8192;

/**
 * Parses an `Authorization` header. Basic follows RFC 7617: the scheme is case-insensitive,
 * the user-id ends at the first `:`, the password may contain `:`, and both are UTF-8.
 * Returns undefined for schemes this host does not handle.
 */
export function parseAuthorization(header: string): RequestCredentials | undefined {
  if (header.length > maxHeaderLength) throw new MalformedAuthorizationError('the Authorization header is too long');
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+(.*))?$/s.exec(header);
  if (!match) throw new MalformedAuthorizationError('the Authorization header has no scheme');
  const scheme = match[1]!.toLowerCase();
  const value = (match[2] ?? '').trim();

  if (scheme === 'basic') return parseBasic(value);
  if (scheme === 'bearer') {
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(value)) throw new MalformedAuthorizationError('the Bearer token is missing or malformed');
    return { scheme: 'bearer', secret: value };
  }
  return undefined;
}

function parseBasic(value: string): RequestCredentials {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) {
    throw new MalformedAuthorizationError('the Basic credentials are not valid base64');
  }
  const bytes = Buffer.from(value, 'base64');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MalformedAuthorizationError('the Basic credentials are not valid UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new MalformedAuthorizationError('the Basic credentials have no ":" between user and password');
  const username = decoded.slice(0, colon);
  if (username.length === 0) throw new MalformedAuthorizationError('the Basic credentials have an empty user name');
  return { scheme: 'basic', username, secret: decoded.slice(colon + 1).normalize('NFC') };
}
