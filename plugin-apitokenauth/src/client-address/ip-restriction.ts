import type { IpAddress } from './ip-address.js';
import { compileIpAddressList, type IpAddressList } from './ip-address-list.js';

/** The allowed client addresses for REST requests that carry Basic or Bearer credentials. */
export interface IpRestriction {
  readonly list: IpAddressList;
  /** Whether a request from `address` may authenticate. Every address is allowed when the list is empty. */
  isAllowed(address: IpAddress): boolean;
}

/**
 * Creates the restriction from the configured entries. An empty list allows every address.
 * A list whose entries are all invalid allows none: the admin asked for a restriction, so a
 * damaged entry must not open access to everyone.
 *
 * @example
 * ```ts
 * const restriction = createIpRestriction(['192.0.2.0/24']);
 * const parsed = parseIpAddress('192.0.2.15');
 * if (parsed.ok) console.log(restriction.isAllowed(parsed.address)); // true
 * ```
 */
export function createIpRestriction(entryTexts: readonly string[]): IpRestriction {
  const list = compileIpAddressList(entryTexts);
  const unrestricted = list.configuredCount === 0;
  return {
    list,
    isAllowed: (address) => unrestricted || list.matcher.contains(address),
  };
}
