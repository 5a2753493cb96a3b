import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeSettingsWarnings, toFieldErrors, validateSettings } from '@plughost/plugin-apitokenauth/dist/settings/settings-validation.js';
import { defaultSettings, type TokenSettings } from '@plughost/plugin-apitokenauth/dist/settings/token-settings.js';

function withProxy(reverseProxy: Partial<TokenSettings['reverseProxy']>): Record<string, unknown> {
  return { ...defaultSettings, reverseProxy: { ...defaultSettings.reverseProxy, ...reverseProxy } };
}

function errorMessages(input: unknown): string[] {
  const result = validateSettings(input);
  assert.ok(!result.ok, 'expected the settings to be invalid');
  return result.errors.map((error) => error.message);
}

function validSettings(input: unknown): TokenSettings {
  const result = validateSettings(input);
  assert.ok(result.ok, `expected valid settings, got: ${result.ok ? '' : result.errors.map((error) => error.message).join('; ')}`);
  return result.settings;
}

describe('validateSettings', () => {
  test('defaults are valid', () => {
    assert.deepEqual(validSettings(defaultSettings), defaultSettings);
  });

  test('entries are trimmed and normalised', () => {
    const settings = validSettings({
      ...withProxy({ enabled: true, trustedProxies: [' ::ffff:10.0.0.1 '], clientIpHeader: 'x-real-ip' as never }),
      ipRestrictions: ['2001:DB8::/32', '192.0.2.1 - 192.0.2.9'],
    });
    assert.deepEqual(settings.ipRestrictions, ['2001:db8::/32', '192.0.2.1-192.0.2.9']);
    assert.deepEqual(settings.reverseProxy.trustedProxies, ['10.0.0.1']);
    assert.equal(settings.reverseProxy.clientIpHeader, 'X-Real-IP');
  });

  test('prefix beyond IPv4 is rejected naming the entry', () => {
    const messages = errorMessages({ ...defaultSettings, ipRestrictions: ['192.0.2.1', '10.0.0.1', '10.0.0.0/33'] });
    assert.deepEqual(messages, ['ipRestrictions[2] "10.0.0.0/33": the prefix length must be 0-32 for IPv4']);
  });

  test('prefix beyond IPv6 is rejected naming the entry', () => {
    assert.deepEqual(errorMessages({ ...defaultSettings, ipRestrictions: ['::/129'] }), [
      'ipRestrictions[0] "::/129": the prefix length must be 0-128 for IPv6',
    ]);
  });

  test('octal and short IPv4 forms are rejected', () => {
    const messages = errorMessages({ ...defaultSettings, ipRestrictions: ['010.0.0.1', '127.1'] });
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? '', /^ipRestrictions\[0\] "010\.0\.0\.1": .*leading zeros/);
    assert.match(messages[1] ?? '', /^ipRestrictions\[1\] "127\.1": .*four decimal octets/);
  });

  test('one error per bad entry across lists', () => {
    const messages = errorMessages({
      ...withProxy({ trustedProxies: ['10.0.0.5/24', '10.0.0.1'] }),
      ipRestrictions: ['fe80::1%eth0', '192.0.2.9-192.0.2.1'],
    });
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? '', /^ipRestrictions\[0\] "fe80::1%eth0": .*zone id/);
    assert.match(messages[1] ?? '', /^ipRestrictions\[1\] "192\.0\.2\.9-192\.0\.2\.1": .*greater than the last/);
    assert.match(messages[2] ?? '', /^reverseProxy\.trustedProxies\[0\] "10\.0\.0\.5\/24": host bits/);
  });

  test('match-all trusted proxy is rejected', () => {
    for (const entry of ['0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', '::ffff:0:0/96']) {
      const messages = errorMessages(withProxy({ enabled: true, trustedProxies: ['10.0.0.1', entry] }));
      assert.equal(messages.length, 1, entry);
      assert.match(messages[0] ?? '', /^reverseProxy\.trustedProxies\[1\] ".*": this entry matches every IPv[46] address/, entry);
    }
  });

  test('match-all trusted proxy names its family', () => {
    assert.match(errorMessages(withProxy({ trustedProxies: ['::/0'] }))[0] ?? '', /"::\/0": this entry matches every IPv6 address/);
    assert.match(errorMessages(withProxy({ trustedProxies: ['::ffff:0:0/96'] }))[0] ?? '', /"::ffff:0:0\/96": this entry matches every IPv4 address/);
  });

  test('trusted proxies covering everything together are rejected', () => {
    const messages = errorMessages(withProxy({ trustedProxies: ['0.0.0.0/1', '128.0.0.0/1'] }));
    assert.deepEqual(messages.length, 1);
    assert.match(messages[0] ?? '', /^reverseProxy\.trustedProxies: together the entries match every IPv4 address/);
  });

  test('match-all allowed list is accepted', () => {
    assert.deepEqual(validSettings({ ...defaultSettings, ipRestrictions: ['0.0.0.0/0', '::/0'] }).ipRestrictions, ['0.0.0.0/0', '::/0']);
  });

  test('every maxValidity value is accepted', () => {
    for (const value of ['NEVER', 'P1M', 'P2M', 'P3M', 'P4M', 'P5M', 'P6M', 'P1Y', 'P2Y']) {
      assert.equal(validSettings({ ...defaultSettings, maxValidity: value }).maxValidity, value);
    }
  });

  test('unknown maxValidity is rejected', () => {
    for (const value of ['P7M', 'P3Y', 'never', '', 6]) {
      const messages = errorMessages({ ...defaultSettings, maxValidity: value });
      assert.match(messages[0] ?? '', /^maxValidity .*: must be one of P1M, P2M/);
    }
  });

  test('unknown clientIpHeader is rejected', () => {
    assert.deepEqual(errorMessages(withProxy({ clientIpHeader: 'Forwarded' as never })), [
      'reverseProxy.clientIpHeader "Forwarded": must be one of X-Forwarded-For, X-Real-IP',
    ]);
  });

  test('missing, unknown and mistyped fields are rejected', () => {
    const messages = errorMessages({
      maxValidity: 'P1Y',
      ipRestriction: [],
      reverseProxy: { enabled: 'yes', trustedProxies: '10.0.0.1', clientIpHeader: 'X-Real-IP' },
      passwordBasicAuthDisabled: null,
    });
    assert.deepEqual(messages, [
      'ipRestriction: unknown setting; the known ones are maxValidity, ipRestrictions, reverseProxy, passwordBasicAuthDisabled',
      'ipRestrictions (missing): must be a list of addresses, CIDR blocks or ranges (an empty list is allowed)',
      'reverseProxy.enabled "yes": must be true or false',
      'reverseProxy.trustedProxies "10.0.0.1": must be a list of addresses, CIDR blocks or ranges (an empty list is allowed)',
      'passwordBasicAuthDisabled null: must be true or false',
    ]);
  });

  test('non-string entry is rejected', () => {
    const messages = errorMessages({ ...defaultSettings, ipRestrictions: [167772161] });
    assert.match(messages[0] ?? '', /^ipRestrictions\[0\] 167772161: must be a string/);
  });

  test('non-object settings are rejected', () => {
    for (const input of [null, [], 'settings', 3]) {
      assert.match(errorMessages(input)[0] ?? '', /^settings: expected a JSON object/);
    }
  });

  test('field errors map by path', () => {
    const result = validateSettings({ ...defaultSettings, ipRestrictions: ['127.1'] });
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(toFieldErrors(result.errors)), ['ipRestrictions[0]']);
  });
});

describe('computeSettingsWarnings', () => {
  const codes = (settings: TokenSettings, peerAddress?: string, headers = {}) =>
    computeSettingsWarnings(settings, peerAddress === undefined ? undefined : { peerAddress, headers }).map((warning) => warning.code);

  test('defaults have no warnings', () => {
    assert.deepEqual(codes(defaultSettings, '127.0.0.1'), []);
  });

  test('own address outside the allowed list warns', () => {
    const settings = validSettings({ ...defaultSettings, ipRestrictions: ['192.0.2.0/24'] });
    const warnings = computeSettingsWarnings(settings, { peerAddress: '127.0.0.1', headers: {} });
    assert.deepEqual(warnings.map((warning) => warning.code), ['OWN_ADDRESS_NOT_ALLOWED']);
    assert.match(warnings[0]?.message ?? '', /your own address 127\.0\.0\.1 is not in the allowed list/);
    assert.deepEqual(codes(settings, '192.0.2.77'), []);
  });

  test('own address resolves through the new proxy settings', () => {
    const settings = validSettings({
      ...withProxy({ enabled: true, trustedProxies: ['127.0.0.1'] }),
      ipRestrictions: ['198.51.100.0/24'],
    });
    assert.deepEqual(codes(settings, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' }), []);
    assert.deepEqual(codes(settings, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), ['OWN_ADDRESS_NOT_ALLOWED']);
    assert.deepEqual(codes(settings, '127.0.0.1', { 'x-forwarded-for': 'unknown' }), ['OWN_ADDRESS_UNRESOLVED']);
  });

  test('proxy enabled without trusted proxies warns', () => {
    assert.deepEqual(codes(validSettings(withProxy({ enabled: true }))), ['PROXY_WITHOUT_TRUSTED_PROXIES']);
  });

  test('trusted proxies while disabled warns', () => {
    assert.deepEqual(codes(validSettings(withProxy({ trustedProxies: ['10.0.0.1'] }))), ['TRUSTED_PROXIES_UNUSED']);
  });

  test('header from untrusted peer warns', () => {
    const settings = validSettings(withProxy({ enabled: true, trustedProxies: ['10.0.0.1'] }));
    assert.deepEqual(codes(settings, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' }), ['HEADER_FROM_UNTRUSTED_PEER']);
    assert.deepEqual(codes(defaultSettings, '127.0.0.1', { 'x-forwarded-for': '198.51.100.7' }), ['HEADER_FROM_UNTRUSTED_PEER']);
  });

  test('duplicate entries after normalisation warn', () => {
    const settings = validSettings({ ...defaultSettings, ipRestrictions: ['10.0.0.1', '::ffff:10.0.0.1'] });
    const warnings = computeSettingsWarnings(settings);
    assert.deepEqual(warnings.map((warning) => warning.message), ['ipRestrictions[1] "10.0.0.1" repeats ipRestrictions[0]; one of them can be removed']);
  });
});
