import type { ReverseProxySettings } from '../client-address/client-address-resolver.js';
import type { Validity } from './validity.js';

export type { ReverseProxySettings };

/** The system-wide settings of the plugin, in their REST representation. */
export interface TokenSettings {
  readonly maxValidity: Validity;
  /** Addresses, CIDR blocks and ranges allowed to call REST with credentials; empty allows all. */
  readonly ipRestrictions: readonly string[];
  readonly reverseProxy: ReverseProxySettings;
  /** When true, Basic credentials that match no token are refused instead of checked as a password. */
  readonly passwordBasicAuthDisabled: boolean;
}

/** The settings of a fresh install: tokens never expire, no address limits, no proxy. */
export const defaultSettings: TokenSettings = {
  maxValidity: 'NEVER',
  ipRestrictions: [],
  reverseProxy: { enabled: false, trustedProxies: [], clientIpHeader: 'X-Forwarded-For' },
  passwordBasicAuthDisabled: false,
};
