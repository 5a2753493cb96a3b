import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createClientAddressPolicy,
  createClientAddressPolicyCache,
} from '@plughost/plugin-apitokenauth/dist/client-address/client-address-policy.js';
import { defaultSettings, type TokenSettings } from '@plughost/plugin-apitokenauth/dist/settings/token-settings.js';

const proxied: TokenSettings = {
  ...defaultSettings,
  ipRestrictions: ['203.0.113.0/24'],
  reverseProxy: { enabled: true, trustedProxies: ['127.0.0.1'], clientIpHeader: 'X-Forwarded-For' },
};

describe('client address policy', () => {
  test('empty restrictions allow any resolved address', () => {
    const check = createClientAddressPolicy(defaultSettings).check({ peerAddress: '198.51.100.1', headers: {} });
    assert.equal(check.allowed, true);
    assert.equal(check.deniedReason, undefined);
    assert.equal(check.resolution.steps.at(-1), 'no IP restrictions are set: 198.51.100.1 is allowed');
  });

  test('address in the list is allowed', () => {
    const check = createClientAddressPolicy(proxied).check({ peerAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(check.allowed, true);
    assert.equal(check.resolution.address?.text, '203.0.113.9');
  });

  test('address outside the list is denied', () => {
    const check = createClientAddressPolicy(proxied).check({ peerAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(check.allowed, false);
    assert.equal(check.deniedReason, 'client address 198.51.100.9 is not in the allowed IP ranges');
    assert.equal(check.resolution.steps.at(-1), check.deniedReason);
  });

  test('unresolved address is denied even without restrictions', () => {
    const settings = { ...proxied, ipRestrictions: [] };
    const check = createClientAddressPolicy(settings).check({ peerAddress: '127.0.0.1', headers: { 'x-forwarded-for': 'unknown' } });
    assert.equal(check.allowed, false);
    assert.match(check.deniedReason ?? '', /^the client address could not be resolved: /);
  });

  test('cache rebuilds only for new settings', () => {
    let current: TokenSettings = proxied;
    const policyFor = createClientAddressPolicyCache(() => current);
    const first = policyFor();
    assert.equal(policyFor(), first);
    current = { ...proxied, ipRestrictions: [] };
    const second = policyFor();
    assert.notEqual(second, first);
    assert.equal(second.restriction.list.configuredCount, 0);
  });
});
