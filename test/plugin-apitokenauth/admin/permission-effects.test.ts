import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { hasId } from '../../support/html.js';
import { jiraPaths } from '../../support/flavour-paths.js';
import { PageClient } from '../../support/session.js';
import { adminAuth, createToken, createUser, myself, restBase } from '../support/token-host.js';
import { addToGroup, createGroup, jiraDefaultPermissions } from '../support/groups.js';

const tokensPage = '/plugins/servlet/apitokenauth/tokens';
const menuItemId = 'id="apitokenauth-user-tokens"';
const adminsOnly = { allowEveryone: false, groups: ['jira-administrators'] };

describe('effects of removed permissions (jira)', () => {
  let host: TestHost;
  let alice: PageClient;
  let alicePassword: string;
  const putPermissions = (json: unknown) => request(`${host.url}${restBase}/admin/permissions`, { method: 'PUT', auth: adminAuth, json });

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    await createUser(host, 'carol');
    await createGroup(host, 'token-managers');
    await addToGroup(host, 'token-managers', 'carol');
    alice = new PageClient(host.url);
    assert.equal(await alice.login(jiraPaths.login, 'alice', alicePassword), 302);
  });
  after(async () => {
    await host.dispose();
  });

  test('no permission hides menu and page', async () => {
    const home = await alice.get('/');
    assert.ok(home.text.includes(menuItemId), 'the menu item shows with the defaults');
    const openBefore = await alice.get(tokensPage);
    assert.ok(hasId(openBefore.text, 'create-token-form'));
    const token = await createToken(host, basic('alice', alicePassword), { description: 'script' });

    assert.equal((await putPermissions({ useTokens: adminsOnly, createOwnTokens: adminsOnly, createTokensForOthers: adminsOnly })).status, 200);

    const homeAfter = await alice.get('/');
    assert.equal(homeAfter.status, 200);
    assert.ok(!homeAfter.text.includes(menuItemId), 'the menu item is gone');
    const pageAfter = await alice.get(tokensPage);
    assert.equal(pageAfter.status, 200);
    assert.ok(hasId(pageAfter.text, 'token-no-permission'), 'the page shows the info box');
    assert.ok(!hasId(pageAfter.text, 'create-token-form'));

    const stale = await alice.post(tokensPage, { atl_token: PageClient.tokenOf(openBefore.text), action: 'create', description: 'late', validity: 'NEVER' });
    assert.equal(stale.status, 403, 'a create from the page opened before the change is forbidden');
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 401, 'the token no longer authenticates');
    const tokens = await request(`${host.url}${restBase}/user/tokens`, { auth: basic('alice', alicePassword) });
    assert.deepEqual(tokens.body.map((item: { description: string }) => item.description), ['script'], 'nothing was created');

    assert.equal((await putPermissions(jiraDefaultPermissions)).status, 200);
    assert.ok((await alice.get('/')).text.includes(menuItemId), 'the menu item is back');
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);
  });

  test('use permission alone keeps menu', async () => {
    await putPermissions({ useTokens: { allowEveryone: true, groups: [] }, createOwnTokens: adminsOnly, createTokensForOthers: adminsOnly });
    const page = await alice.get(tokensPage);
    assert.ok((await alice.get('/')).text.includes(menuItemId));
    assert.ok(!hasId(page.text, 'token-no-permission'));
    assert.ok(!hasId(page.text, 'create-token-form'), 'without create permission the form is hidden');
    const create = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: basic('alice', alicePassword), json: { description: 'x' } });
    assert.equal(create.status, 403);
    await putPermissions(jiraDefaultPermissions);
  });

  test('non-admin cannot create for admins', async () => {
    await putPermissions({ ...jiraDefaultPermissions, createTokensForOthers: { allowEveryone: false, groups: ['jira-administrators', 'token-managers'] } });
    const carol = basic('carol', 'carol-Secret-1');
    const forAlice = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: carol, json: { description: 'for alice', username: 'alice' } });
    assert.equal(forAlice.status, 201, 'carol may create tokens for other users');
    const forAdmin = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: carol, json: { description: 'for admin', username: 'admin' } });
    assert.equal(forAdmin.status, 403);
    assert.match(forAdmin.body.errorMessages[0], /Only administrators may create API tokens for the administrator admin/);
    const adminTokens = await request(`${host.url}${restBase}/user/tokens`, { auth: basic('admin', adminPassword) });
    assert.equal(adminTokens.body.length, 0);
    await putPermissions(jiraDefaultPermissions);
  });
});
