import type { PageModule, PageResult, PluginRequest } from '@plughost/sdk';
import type { ClientAddressPolicy } from '../client-address/client-address-policy.js';
import { describeClientAddress } from '../client-address/client-address-report.js';
import { CLIENT_IP_HEADERS } from '../client-address/client-address-resolver.js';
import { readHeaderValues } from '../client-address/forwarded-header.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { clientAddressTemplate } from './client-address-template.js';

/** Path of the troubleshooting page below `/plugins/servlet/`. */
export const clientAddressPagePath = 'apitokenauth/client-address';

// A padded header can be very long, and its start is what a reader compares with the steps.
const maxShownHeaderLength = 2000;

/**
 * Creates the admin page that shows how the current request's client address was resolved:
 * the peer address, the proxy headers as received, each resolution step, and whether the IP
 * restrictions allow the address. It is the page form of `GET /admin/client-address`.
 */
export function createClientAddressPage(addressPolicy: () => ClientAddressPolicy, store: SettingsStore): PageModule {
  return {
    path: clientAddressPagePath,
    access: 'admin',
    handler: (request) => render(addressPolicy(), store, request),
  };
}

function render(policy: ClientAddressPolicy, store: SettingsStore, request: PluginRequest): PageResult {
  const report = describeClientAddress(policy, { peerAddress: request.remoteAddress, headers: request.headers });
  const settings = store.getSettings();
  return {
    kind: 'render',
    title: 'Client address troubleshooting',
    template: clientAddressTemplate,
    context: {
      report,
      headers: headerRows(request, report.reverseProxy),
      trustedProxies: settings.reverseProxy.trustedProxies,
      ipRestrictions: settings.ipRestrictions,
    },
  };
}

/** Lists the proxy headers as received, each marked when the current settings read it. */
function headerRows(request: PluginRequest, reverseProxy: { enabled: boolean; clientIpHeader: string }) {
  const names: string[] = [...CLIENT_IP_HEADERS, 'Forwarded'];
  return names.map((name) => {
    const values = readHeaderValues(request.headers, name);
    const joined = values.join(', ');
    return {
      name,
      present: values.length > 0,
      value: joined.length > maxShownHeaderLength ? `${joined.slice(0, maxShownHeaderLength)}… (${joined.length} characters)` : joined,
      read: reverseProxy.enabled && name === reverseProxy.clientIpHeader,
      ignoredAlways: name === 'Forwarded',
    };
  });
}
