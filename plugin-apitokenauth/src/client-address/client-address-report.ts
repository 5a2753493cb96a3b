import type { ClientAddressPolicy } from './client-address-policy.js';
import type { ClientAddressRequest } from './client-address-resolver.js';

/** The resolution and check of one request's client address, as `GET /admin/client-address` returns it. */
export interface ClientAddressReport {
  readonly peerAddress: string;
  /** The resolved client address, or `null` when the request would be refused before the check. */
  readonly clientAddress: string | null;
  readonly allowed: boolean;
  readonly deniedReason?: string;
  readonly ipRestrictionCount: number;
  readonly reverseProxy: { readonly enabled: boolean; readonly clientIpHeader: string };
  /** Each decision of the resolution and the IP check, in order. */
  readonly steps: readonly string[];
}

/**
 * Describes how a request's client address is resolved and checked under the policy, for
 * troubleshooting proxy and IP restriction settings.
 *
 * @example
 * ```ts
 * const report = describeClientAddress(addressPolicy(), { peerAddress: request.remoteAddress, headers: request.headers });
 * console.log(report.clientAddress, report.allowed, report.steps.join('\n'));
 * ```
 */
export function describeClientAddress(policy: ClientAddressPolicy, request: ClientAddressRequest): ClientAddressReport {
  const check = policy.check(request);
  const settings = policy.resolver.settings;
  return {
    peerAddress: request.peerAddress,
    clientAddress: check.resolution.address?.text ?? null,
    allowed: check.allowed,
    ...(check.deniedReason === undefined ? {} : { deniedReason: check.deniedReason }),
    ipRestrictionCount: policy.restriction.list.configuredCount,
    reverseProxy: { enabled: settings.enabled, clientIpHeader: settings.clientIpHeader },
    steps: check.resolution.steps,
  };
}
