import type { TokenSettings } from '../settings/token-settings.js';
import {
  createClientAddressResolver,
  type ClientAddressRequest,
  type ClientAddressResolution,
  type ClientAddressResolver,
} from './client-address-resolver.js';
import { createIpRestriction, type IpRestriction } from './ip-restriction.js';

/** The outcome of checking a request's client address against the IP restrictions. */
export interface ClientAddressCheck {
  readonly resolution: ClientAddressResolution;
  /** False when the address could not be resolved or is not in a non-empty allowed list. */
  readonly allowed: boolean;
  /** The reason when `allowed` is false, naming the resolved address if there is one. */
  readonly deniedReason?: string;
}

/** The reverse proxy resolver and the IP restriction of one settings version. */
export interface ClientAddressPolicy {
  readonly resolver: ClientAddressResolver;
  readonly restriction: IpRestriction;
  check(request: ClientAddressRequest): ClientAddressCheck;
}

/**
 * Creates the policy for the given settings. Both address lists are parsed here, once.
 *
 * @example
 * ```ts
 * const policy = createClientAddressPolicy(store.getSettings());
 * const check = policy.check({ peerAddress: request.remoteAddress, headers: request.headers });
 * if (!check.allowed) console.log(check.deniedReason);
 * ```
 */
export function createClientAddressPolicy(settings: TokenSettings): ClientAddressPolicy {
  const resolver = createClientAddressResolver(settings.reverseProxy);
  const restriction = createIpRestriction(settings.ipRestrictions);
  return {
    resolver,
    restriction,
    check(request) {
      const resolution = resolver.resolve(request);
      const address = resolution.address;
      if (!address) {
        return { resolution, allowed: false, deniedReason: `the client address could not be resolved: ${resolution.refusedReason ?? 'no reason given'}` };
      }
      if (restriction.list.configuredCount === 0) {
        return { resolution: withStep(resolution, `no IP restrictions are set: ${address.text} is allowed`), allowed: true };
      }
      if (restriction.isAllowed(address)) {
        return { resolution: withStep(resolution, `client address ${address.text} is in the allowed IP ranges`), allowed: true };
      }
      const deniedReason = `client address ${address.text} is not in the allowed IP ranges`;
      return { resolution: withStep(resolution, deniedReason), allowed: false, deniedReason };
    },
  };
}

/**
 * Returns a function that gives the policy for the current settings, and builds it again only
 * when the settings object changes. The settings store replaces its object on every save, so
 * a save takes effect on the next request without parsing the lists per request.
 */
export function createClientAddressPolicyCache(currentSettings: () => TokenSettings): () => ClientAddressPolicy {
  let cachedSettings: TokenSettings | undefined;
  let cachedPolicy: ClientAddressPolicy | undefined;
  return () => {
    const settings = currentSettings();
    if (settings !== cachedSettings || !cachedPolicy) {
      cachedPolicy = createClientAddressPolicy(settings);
      cachedSettings = settings;
    }
    return cachedPolicy;
  };
}

function withStep(resolution: ClientAddressResolution, step: string): ClientAddressResolution {
  return { ...resolution, steps: [...resolution.steps, step] };
}
