import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { escapeHtml, hasId } from '../../support/html.js';
import { openAdminSession } from '../../support/admin-session.js';
import { jiraPaths } from '../../support/flavour-paths.js';
import { PageClient } from '../../support/session.js';
import { adminAuth, createToken, createUser, myself, restBase } from '../support/token-host.js';
import { createGroup, jiraDefaultPermissions } from '../support/groups.js';
import { adminPagePath, postAdminForm, settingsFormFields, warningCodes } from '../support/admin-page.js';

const defaultSettings = {
  maxValidity: 'NEVER',
  ipRestrictions: [],
  reverseProxy: { enabled: false, trustedProxies: [], clientIpHeader: 'X-Forwarded-For' },
  passwordBasicAuthDisabled: false,
};

describe('admin page (jira)', () => {
  let host: TestHost;
  let admin: PageClient;
  let alicePassword: string;
  // Read through the admin's session, which IP restrictions and disabled passwords do not affect.
  const savedSettings = async () => (await admin.rest(`${restBase}/admin/settings`)).body;
  const savedPermissions = async () => (await admin.rest(`${restBase}/admin/permissions`)).body;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    await createGroup(host, 'developers');
    admin = await openAdminSession(host.url, jiraPaths, 'admin', adminPassword);
  });
  after(async () => {
    await host.dispose();
  });

  test('user management section links the page', async () => {
    const home = await admin.get(jiraPaths.adminHome);
    const section = /<h2>User management<\/h2>\s*<ul>(.*?)<\/ul>/s.exec(home.text)?.[1];
    assert.ok(section, 'the admin home page has a User management section');
    assert.match(section, /<a href="[^"]*\/plugins\/servlet\/apitokenauth\/admin">API Token Authentication<\/a>/);
  });

  test('page needs an administrator', async () => {
    const alice = new PageClient(host.url);
    assert.equal(await alice.login(jiraPaths.login, 'alice', alicePassword), 302);
    const page = await alice.get(adminPagePath);
    assert.notEqual(page.status, 200);
    assert.ok(!hasId(page.text, 'settings-form'));
  });

  test('page needs WebSudo', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login(jiraPaths.login, 'admin', adminPassword), 302);
    const page = await client.get(adminPagePath);
    assert.equal(page.status, 302);
    assert.match(page.headers.get('location') ?? '', /WebSudoAuthenticate/);
  });

  test('settings tab shows the defaults', async () => {
    const page = await admin.get(adminPagePath);
    assert.equal(page.status, 200);
    assert.match(page.text, /<a class="active" id="tab-settings"[^>]*>System-Wide Settings<\/a>/);
    assert.match(page.text, /<option value="NEVER" selected>Never<\/option>/);
    assert.ok(hasId(page.text, 'ip-empty'), 'the page says that an empty list allows every address');
    assert.match(page.text, /href="[^"]*\/plugins\/servlet\/apitokenauth\/client-address"/);
  });

  const invalidEntries: { name: string; fields: Record<string, string | string[]>; entry: string }[] = [
    { name: 'prefix too long', fields: { ipRestriction: ['10.0.0.0/33'] }, entry: '10.0.0.0/33' },
    { name: 'octal form', fields: { ipRestriction: ['010.0.0.1'] }, entry: '010.0.0.1' },
    { name: 'short form', fields: { ipRestriction: ['127.1'] }, entry: '127.1' },
    { name: 'IPv6 prefix too long', fields: { ipRestriction: ['::/129'] }, entry: '::/129' },
    { name: 'match-all proxy', fields: { reverseProxyEnabled: 'on', trustedProxy: ['0.0.0.0/0'] }, entry: '0.0.0.0/0' },
  ];
  for (const { name, fields, entry } of invalidEntries) {
    test(`invalid entry is shown: ${name}`, async () => {
      const before = await savedSettings();
      const response = await postAdminForm(admin, 'settings', (token) => settingsFormFields(token, { maxValidity: 'P1Y', ...fields }));
      assert.equal(response.status, 400);
      assert.ok(hasId(response.text, 'admin-errors'));
      assert.match(response.text, /<div class="field-error">[^<]*&quot;/, 'the message sits at the entry');
      assert.ok(response.text.includes(`&quot;${escapeHtml(entry)}&quot;`), `the message names ${entry}`);
      assert.match(response.text, /<div class="field-error">(IP address restriction|Trusted proxy) 1 &quot;/, 'the message names the entry by its label');
      assert.doesNotMatch(response.text, /ipRestrictions\[|reverseProxy\.trustedProxies\[/, 'the page names the entry by its JSON path');
      assert.ok(response.text.includes(`value="${escapeHtml(entry)}"`), 'the entered value is kept');
      assert.match(response.text, /<option value="P1Y" selected>/, 'the other entered values are kept');
      assert.deepEqual(await savedSettings(), before, 'nothing was saved');
    });
  }

  test('add and remove keep the list unsaved', async () => {
    const added = await postAdminForm(admin, 'settings', (token) =>
      settingsFormFields(token, { action: 'add-ip', ipRestriction: ['192.0.2.1'], newIpRestriction: ' ::ffff:198.51.100.0/120 ' }));
    assert.equal(added.status, 200);
    assert.ok(added.text.includes('value="192.0.2.1"'));
    assert.ok(added.text.includes('value="198.51.100.0/24"'), 'the added entry is in canonical form');
    assert.ok(hasId(added.text, 'admin-notice'));
    assert.deepEqual((await savedSettings()).ipRestrictions, []);

    const removed = await admin.post(adminPagePath, settingsFormFields(PageClient.tokenOf(added.text), { action: 'remove-ip:0', ipRestriction: ['192.0.2.1', '198.51.100.0/24'] }));
    assert.ok(!removed.text.includes('value="192.0.2.1"'));
    assert.ok(removed.text.includes('value="198.51.100.0/24"'));

    const invalid = await admin.post(adminPagePath, settingsFormFields(PageClient.tokenOf(removed.text), { action: 'add-ip', newIpRestriction: '<b>10.0.0.1</b>' }));
    assert.equal(invalid.status, 400);
    assert.ok(!invalid.text.includes('<b>10.0.0.1</b>'), 'the typed value is escaped');
    assert.ok(invalid.text.includes(escapeHtml('"<b>10.0.0.1</b>"')));
    assert.deepEqual((await savedSettings()).ipRestrictions, []);
  });

  test('own address warning after save', async () => {
    const token = await createToken(host, basic('alice', alicePassword), { description: 'script' });
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);

    const response = await postAdminForm(admin, 'settings', (atlToken) => settingsFormFields(atlToken, { newIpRestriction: '192.0.2.0/24' }));
    assert.equal(response.status, 200);
    assert.ok(hasId(response.text, 'admin-success'));
    assert.deepEqual(warningCodes(response.text), ['OWN_ADDRESS_NOT_ALLOWED']);
    assert.match(response.text, /your own address 127\.0\.0\.1 is not in the allowed list/);
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 403, 'a token call from 127.0.0.1 is refused');

    const restored = await postAdminForm(admin, 'settings', (atlToken) => settingsFormFields(atlToken));
    assert.equal(restored.status, 200);
    assert.deepEqual(warningCodes(restored.text), []);
    assert.deepEqual(await savedSettings(), defaultSettings);
  });

  test('settings save keeps every field', async () => {
    const response = await postAdminForm(admin, 'settings', (token) =>
      settingsFormFields(token, { maxValidity: 'P3M', reverseProxyEnabled: 'on', trustedProxy: ['127.0.0.1'], clientIpHeader: 'X-Real-IP', passwordBasicAuthDisabled: 'on' }));
    assert.equal(response.status, 200);
    assert.deepEqual(await savedSettings(), {
      maxValidity: 'P3M',
      ipRestrictions: [],
      reverseProxy: { enabled: true, trustedProxies: ['127.0.0.1'], clientIpHeader: 'X-Real-IP' },
      passwordBasicAuthDisabled: true,
    });
    const audit = await admin.rest(`/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`);
    const record = (audit.body.entities as any[]).find((entity) => entity.type.action === 'API token settings changed');
    assert.ok(record, 'the page save is audited');
    assert.equal(record.author.name, 'admin');
    assert.ok(record.changedValues.some((change: { key: string; to: string }) => change.key === 'maxValidity' && change.to === '"P3M"'));

    const page = await admin.get(adminPagePath);
    assert.match(page.text, /<option value="P3M" selected>3 months<\/option>/);
    assert.match(page.text, /<option value="X-Real-IP" selected>/);
    assert.match(page.text, /id="password-basic-auth-disabled" checked/);
    await postAdminForm(admin, 'settings', (token) => settingsFormFields(token));
    assert.deepEqual(await savedSettings(), defaultSettings);
  });

  test('long list is saved whole', async () => {
    const entries = Array.from({ length: 25 }, (_, index) => `127.0.0.${index + 1}`);
    const response = await postAdminForm(admin, 'settings', (token) => settingsFormFields(token, { ipRestriction: entries }));
    assert.equal(response.status, 200);
    assert.deepEqual((await savedSettings()).ipRestrictions, entries);
    await postAdminForm(admin, 'settings', (token) => settingsFormFields(token));
  });

  test('form without atl_token saves nothing', async () => {
    const response = await admin.post(adminPagePath, { ...settingsFormFields(''), atl_token: 'wrong', maxValidity: 'P1M' });
    assert.notEqual(response.status, 200);
    assert.deepEqual(await savedSettings(), defaultSettings);
  });

  test('permissions tab shows groups', async () => {
    const page = await admin.get(`${adminPagePath}?tab=permissions`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<a class="active" id="tab-permissions"/);
    for (const label of ['Use Tokens', 'Create Tokens for yourself', 'Create Tokens for other users']) assert.ok(page.text.includes(`<legend>${label}</legend>`));
    assert.match(page.text, /name="useTokens-allowEveryone" id="useTokens-everyone" checked/);
    assert.match(page.text, /name="createTokensForOthers-allowEveryone" id="createTokensForOthers-everyone">/);
    assert.match(page.text, /name="createTokensForOthers-groups" value="jira-administrators" checked/);
    assert.match(page.text, /name="useTokens-groups" value="developers">/);
  });

  test('permissions save shows warnings', async () => {
    const response = await postAdminForm(admin, 'permissions', (token) => ({
      atl_token: token,
      tab: 'permissions',
      action: 'save',
      'useTokens-allowEveryone': 'on',
      'useTokens-groups': ['developers'],
      'createOwnTokens-allowEveryone': 'on',
      'createTokensForOthers-groups': ['developers'],
      'createTokensForOthers-newGroup': 'Contractors',
    }));
    assert.equal(response.status, 200);
    assert.ok(hasId(response.text, 'admin-success'));
    assert.deepEqual(warningCodes(response.text), ['ADMIN_GROUP_MISSING', 'UNKNOWN_GROUP']);
    assert.match(response.text, /value="contractors" checked> contractors <em>\(group does not exist\)<\/em>/, 'the unknown group is kept as a checked box');
    assert.deepEqual(await savedPermissions(), {
      useTokens: { allowEveryone: true, groups: ['developers'] },
      createOwnTokens: { allowEveryone: true, groups: [] },
      createTokensForOthers: { allowEveryone: false, groups: ['developers', 'contractors'] },
    });
  });

  test('invalid group keeps the form', async () => {
    const before = await savedPermissions();
    const response = await postAdminForm(admin, 'permissions', (token) => ({
      atl_token: token,
      tab: 'permissions',
      action: 'save',
      'useTokens-groups': ['developers'],
      'createOwnTokens-newGroup': 'x'.repeat(300),
    }));
    assert.equal(response.status, 400);
    assert.match(response.text, /Create Tokens for yourself, group 1 &quot;x+\.\.\.&quot;: must be at most 255 characters long/);
    assert.doesNotMatch(response.text, /createOwnTokens\.groups\[0\]/, 'the page names the field by its JSON path');
    assert.match(response.text, /name="useTokens-allowEveryone" id="useTokens-everyone">/, 'the unchecked box stays unchecked');
    assert.match(response.text, /name="useTokens-groups" value="developers" checked/);
    assert.deepEqual(await savedPermissions(), before);

    const hostile = await postAdminForm(admin, 'permissions', (token) => ({ atl_token: token, tab: 'permissions', 'useTokens-newGroup': '<i>ops</i>' }));
    assert.equal(hostile.status, 400);
    assert.ok(!hostile.text.includes('<i>ops</i>'), 'the typed name is escaped');
    assert.ok(hostile.text.includes(`value="${escapeHtml('<i>ops</i>')}" checked`), 'the typed name is kept');
    assert.match(hostile.text, /must not contain control characters or any of/);
    assert.deepEqual(await savedPermissions(), before);

    await request(`${host.url}${restBase}/admin/permissions`, { method: 'PUT', auth: adminAuth, json: jiraDefaultPermissions });
  });
});
