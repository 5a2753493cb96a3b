import type { TokenSettings } from '../settings/token-settings.js';
import { createClientAddressResolver, type ClientAddressRequest } from './client-address-resolver.js';
import { readHeaderValues } from './forwarded-header.js';
import { parseIpAddress } from './ip-address.js';
import { createIpRestriction } from './ip-restriction.js';

/** Codes of the warnings {@link computeAddressWarnings} can return. */
export type AddressWarningCode =
  | 'OWN_ADDRESS_NOT_ALLOWED'
  | 'OWN_ADDRESS_UNRESOLVED'
  | 'PROXY_WITHOUT_TRUSTED_PROXIES'
  | 'TRUSTED_PROXIES_UNUSED'
  | 'HEADER_FROM_UNTRUSTED_PEER'
  | 'DUPLICATE_ENTRY';

/** A warning shown after saving settings, as advice that does not stop the save. */
export interface AddressWarning {
  readonly code: AddressWarningCode;
  readonly message: string;
}

/**
 * Computes the warnings about IP restrictions and reverse proxy settings, for validated
 * settings. With `request`, the admin's own request is resolved as the new settings would
 * resolve it, so the admin learns before leaving the page that their own REST calls would be
 * refused. Browser sessions are not restricted, so such a save cannot lock the admin out.
 *
 * @example
 * ```ts
 * const warnings = computeAddressWarnings(settings, { peerAddress: '127.0.0.1', headers: {} });
 * for (const warning of warnings) console.log(warning.message);
 * ```
 */
export function computeAddressWarnings(settings: TokenSettings, request?: ClientAddressRequest): AddressWarning[] {
  const warnings: AddressWarning[] = [];
  const proxy = settings.reverseProxy;

  if (proxy.enabled && proxy.trustedProxies.length === 0) {
    warnings.push({
      code: 'PROXY_WITHOUT_TRUSTED_PROXIES',
      message: `reverse proxy support is enabled without trusted proxies, so ${proxy.clientIpHeader} is never read; add the addresses of your reverse proxies`,
    });
  }
  if (!proxy.enabled && proxy.trustedProxies.length > 0) {
    warnings.push({
      code: 'TRUSTED_PROXIES_UNUSED',
      message: `trusted proxies are listed but reverse proxy support is off, so ${proxy.clientIpHeader} is ignored`,
    });
  }
  warnings.push(...findDuplicates(settings.ipRestrictions, 'ipRestrictions'));
  warnings.push(...findDuplicates(proxy.trustedProxies, 'reverseProxy.trustedProxies'));
  if (request) warnings.push(...checkOwnRequest(settings, request));
  return warnings;
}

function checkOwnRequest(settings: TokenSettings, request: ClientAddressRequest): AddressWarning[] {
  const warnings: AddressWarning[] = [];
  const proxy = settings.reverseProxy;
  const resolver = createClientAddressResolver(proxy);
  const resolution = resolver.resolve(request);

  const peer = parseIpAddress(request.peerAddress);
  const headerPresent = readHeaderValues(request.headers, proxy.clientIpHeader).some((value) => value.trim() !== '');
  const peerTrusted = proxy.enabled && peer.ok && resolver.trustedProxies.matcher.contains(peer.address);
  if (headerPresent && peer.ok && !peerTrusted) {
    warnings.push({
      code: 'HEADER_FROM_UNTRUSTED_PEER',
      message: `your request came with ${proxy.clientIpHeader} from ${peer.address.text}, which is not a trusted proxy, so the header is ignored; if ${peer.address.text} is your reverse proxy, enable reverse proxy support and add it to the trusted proxies`,
    });
  }

  if (!resolution.address) {
    warnings.push({
      code: 'OWN_ADDRESS_UNRESOLVED',
      message: `with these settings the client address of your own request cannot be resolved (${resolution.refusedReason ?? 'no reason given'}), so REST calls like it with credentials will be refused`,
    });
    return warnings;
  }
  if (!createIpRestriction(settings.ipRestrictions).isAllowed(resolution.address)) {
    warnings.push({
      code: 'OWN_ADDRESS_NOT_ALLOWED',
      message: `your own address ${resolution.address.text} is not in the allowed list, so your REST calls with credentials will be refused`,
    });
  }
  return warnings;
}

function findDuplicates(entries: readonly string[], field: string): AddressWarning[] {
  const firstIndex = new Map<string, number>();
  const warnings: AddressWarning[] = [];
  entries.forEach((entry, index) => {
    const earlier = firstIndex.get(entry);
    if (earlier === undefined) {
      firstIndex.set(entry, index);
      return;
    }
    warnings.push({
      code: 'DUPLICATE_ENTRY',
      message: `${field}[${index}] "${entry}" repeats ${field}[${earlier}]; one of them can be removed`,
    });
  });
  return warnings;
}
