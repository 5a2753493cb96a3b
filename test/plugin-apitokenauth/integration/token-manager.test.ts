import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminAuth, createToken, createUser, eventually, myself, restBase } from '../support/token-host.js';

const pagePath = '/plugins/servlet/apitokenauth/tokens';
const managerPath = `${pagePath}?tab=manager`;
const hostileDescription = `<script>alert("x")</script> "double" 'single' & more`;

function tokenOnPage(html: string): string {
  const match = /id="new-token-value">(pha_[0-9A-Za-z]+)</.exec(html);
  if (!match) throw new Error('the page shows no new token');
  return match[1]!;
}

/** Returns the token ids of the Token Manager table rows, in page order. */
function listedIds(html: string): number[] {
  const table = /<table id="manager-token-list">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/data-token-id="(\d+)"/g)].map((match) => Number(match[1]));
}

async function auditRecords(host: TestHost, action: string) {
  const query = `${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`;
  const response = await request(query, { auth: adminAuth });
  return ((response.body?.entities as any[] | undefined) ?? []).filter((entity) => entity.type.action === action);
}

describe('tokensByFilter REST (jira)', () => {
  let host: TestHost;
  let alicePassword: string;
  const ids: Record<string, number> = {};

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    await createUser(host, 'bob');
    await createUser(host, 'carol');
    for (const [owner, description] of [
      ['alice', 'alice CI job'],
      ['bob', 'bob deploy'],
      ['alice', 'alice nightly'],
      ['carol', 'carol ci mirror'],
      ['alice', 'alice backup'],
    ]) {
      ids[description!] = (await createToken(host, adminAuth, { description, validity: 'P1Y', username: owner })).id;
    }
  });
  after(async () => {
    await host.dispose();
  });

  const byFilter = (query: string, auth = adminAuth) => request(`${host.url}${restBase}/user/tokensByFilter${query}`, { auth });

  test('without filter lists every token', async () => {
    const response = await byFilter('');
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.body).sort(), ['limit', 'start', 'tokens', 'total']);
    assert.equal(response.body.total, 5);
    assert.equal(response.body.start, 0);
    assert.equal(response.body.limit, 50);
    const owners = response.body.tokens.map((token: { username: string }) => token.username);
    assert.deepEqual(owners, ['alice', 'alice', 'alice', 'bob', 'carol']);
    const aliceIds = response.body.tokens.slice(0, 3).map((token: { id: number }) => token.id);
    assert.deepEqual(aliceIds, [ids['alice backup'], ids['alice nightly'], ids['alice CI job']], 'newest first within a user');
    assert.ok(!response.text.includes('rawToken'));
  });

  test('usernames and text filter', async () => {
    const users = await byFilter('?usernames=Bob,%20carol');
    assert.deepEqual(users.body.tokens.map((token: { description: string }) => token.description), ['bob deploy', 'carol ci mirror']);

    const text = await byFilter('?text=CI');
    assert.deepEqual(text.body.tokens.map((token: { description: string }) => token.description), ['alice CI job', 'carol ci mirror']);

    const both = await byFilter('?usernames=alice&text=ci');
    assert.deepEqual(both.body.tokens.map((token: { id: number }) => token.id), [ids['alice CI job']]);
    assert.equal(both.body.total, 1);
  });

  test('start and limit page the result', async () => {
    const first = await byFilter('?usernames=alice&limit=2');
    const second = await byFilter('?usernames=alice&limit=2&start=2');
    assert.deepEqual(first.body.tokens.map((token: { id: number }) => token.id), [ids['alice backup'], ids['alice nightly']]);
    assert.deepEqual(second.body.tokens.map((token: { id: number }) => token.id), [ids['alice CI job']]);
    assert.equal(first.body.total, 3);
    assert.equal(second.body.total, 3);
    assert.equal(second.body.start, 2);
    assert.equal(second.body.limit, 2);
  });

  test('invalid paging gets 400 naming the value', async () => {
    const response = await byFilter('?start=-3&limit=5000');
    assert.equal(response.status, 400);
    assert.equal(response.body.errors.start, 'start "-3" is invalid: use a whole number 0 or more.');
    assert.equal(response.body.errors.limit, 'limit "5000" is invalid: use a whole number from 1 to 1000.');
    assert.match(response.body.errorMessages[0], /start "-3"/);

    const zero = await byFilter('?limit=0');
    assert.equal(zero.status, 400);
    assert.match(zero.body.errors.limit, /"0" is invalid/);
  });

  test('user without create-for-others gets 403', async () => {
    const response = await byFilter('', basic('alice', alicePassword));
    assert.equal(response.status, 403);
    assert.match(response.text, /not allowed to list the API tokens of other users/);
    const anonymous = await request(`${host.url}${restBase}/user/tokensByFilter`);
    assert.equal(anonymous.status, 401);
  });
});

describe('Token Manager tab without JavaScript (jira)', () => {
  let host: TestHost;
  let alicePassword: string;
  let admin: PageClient;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    await createUser(host, 'bob');
    admin = new PageClient(host.url);
    assert.equal(await admin.login('/login.jsp', 'admin', adminPassword), 302);
  });
  after(async () => {
    await host.dispose();
  });

  test('tab shows only with create-for-others', async () => {
    const adminPage = await admin.get(pagePath);
    assert.match(adminPage.text, /id="token-manager-tab" href="[^"]*\/plugins\/servlet\/apitokenauth\/tokens\?tab=manager">Token Manager</);
    assert.match(adminPage.text, /id="my-tokens-tab"[^>]*>My API Tokens</);

    const alice = new PageClient(host.url);
    assert.equal(await alice.login('/login.jsp', 'alice', alicePassword), 302);
    const alicePage = await alice.get(pagePath);
    assert.equal(alicePage.status, 200);
    assert.ok(!alicePage.text.includes('token-manager-tab'));
    assert.equal((await alice.get(managerPath)).status, 403);
  });

  test('create for alice, see it, delete it', async () => {
    const page = await admin.get(managerPath);
    assert.equal(page.status, 200);
    assert.match(page.text, /<a class="active" id="token-manager-tab"/);

    const posted = await admin.post(managerPath, {
      atl_token: PageClient.tokenOf(page.text),
      action: 'create',
      owner: 'Alice',
      description: 'made for alice',
      validity: 'P6M',
    });
    assert.equal(posted.status, 302, posted.text);
    const location = new URL(posted.headers.get('location')!);
    assert.match(location.search, /^\?tab=manager&created=[\w-]+$/);
    const created = await admin.get(location.pathname + location.search);
    const raw = tokenOnPage(created.text);
    const reloaded = await admin.get(location.pathname + location.search);
    assert.ok(!reloaded.text.includes(raw), 'the token is shown a second time');
    assert.match(reloaded.text, /id="token-no-longer-shown"/);
    assert.match(created.text, /id="new-token-owner">alice</);
    assert.match(created.text, /will not be shown again/);
    assert.equal((await myself(host, basic('alice', raw))).status, 200);

    const record = await eventually(async () => (await auditRecords(host, 'API token created')).find((entity) => entity.attributes?.description === 'made for alice'), 'the create record');
    assert.equal(record.author.name, 'admin');
    assert.deepEqual(record.affectedObjects[0], { type: 'USER', name: 'alice' });

    const listed = await admin.get(`${managerPath}&usernames=alice`);
    assert.ok(!listed.text.includes(raw), 'the raw token is shown a second time');
    const [id] = listedIds(listed.text);
    assert.ok(id);
    assert.match(listed.text, new RegExp(`data-token-id="${id}" data-owner="alice"`));
    assert.match(listed.text, /id="delete-all-owner" name="owner" maxlength="255" value="alice"/, 'the single listed user is offered for delete all');

    const confirm = await admin.post(managerPath, { atl_token: PageClient.tokenOf(listed.text), action: 'delete', id: String(id), usernames: 'alice', text: '', start: '0', limit: '' });
    assert.match(confirm.text, /id="delete-confirmation"/);
    assert.match(confirm.text, /Delete the token &quot;made for alice&quot; of alice\?/);
    assert.equal((await myself(host, basic('alice', raw))).status, 200, 'asking for confirmation deleted the token');

    const deleted = await admin.post(managerPath, { atl_token: PageClient.tokenOf(confirm.text), action: 'delete-confirmed', id: String(id), usernames: 'alice' });
    assert.equal(deleted.status, 200);
    assert.match(deleted.text, /The token was deleted\./);
    assert.deepEqual(listedIds(deleted.text), []);
    assert.equal((await myself(host, basic('alice', raw))).status, 401);

    const deleteRecord = await eventually(async () => (await auditRecords(host, 'API token deleted')).find((entity) => entity.attributes?.tokenId === String(id)), 'the delete record');
    assert.equal(deleteRecord.author.name, 'admin');
    assert.deepEqual(deleteRecord.affectedObjects[0], { type: 'USER', name: 'alice' });
  });

  test('delete all tokens of a user', async () => {
    const kept = await createToken(host, adminAuth, { description: 'bob keeps this', validity: 'P6M', username: 'bob' });
    const first = await createToken(host, adminAuth, { description: 'alice one', validity: 'P6M', username: 'alice' });
    const second = await createToken(host, adminAuth, { description: 'alice two', validity: 'P6M', username: 'alice' });

    const page = await admin.get(managerPath);
    const confirm = await admin.post(managerPath, { atl_token: PageClient.tokenOf(page.text), action: 'delete-all', owner: 'alice' });
    assert.match(confirm.text, /Delete all 2 API tokens of alice\?/);
    assert.equal((await myself(host, basic('alice', first.rawToken))).status, 200);

    const done = await admin.post(managerPath, { atl_token: PageClient.tokenOf(confirm.text), action: 'delete-all-confirmed', owner: 'alice' });
    assert.equal(done.status, 200);
    assert.match(done.text, /2 tokens were deleted from alice\./);
    for (const token of [first, second]) assert.equal((await myself(host, basic('alice', token.rawToken))).status, 401);
    assert.equal((await myself(host, basic('bob', kept.rawToken))).status, 200, 'another user lost a token');
    assert.deepEqual(listedIds(done.text), [kept.id]);

    const none = await admin.post(managerPath, { atl_token: PageClient.tokenOf(done.text), action: 'delete-all', owner: 'alice' });
    assert.match(none.text, /alice has no API tokens\./);
    assert.ok(!none.text.includes('id="delete-confirmation"'));

    const record = await eventually(async () => (await auditRecords(host, 'All API tokens of a user deleted')).find((entity) => entity.attributes?.count === '2'), 'the delete-all record');
    assert.equal(record.author.name, 'admin');
    assert.deepEqual(record.affectedObjects[0], { type: 'USER', name: 'alice' });
  });

  test('filter form and paging links', async () => {
    for (let index = 0; index < 3; index++) await createToken(host, adminAuth, { description: `paged ${index}`, validity: 'P6M', username: 'bob' });
    const first = await admin.get(`${managerPath}&usernames=bob&text=paged&limit=2`);
    assert.equal(first.status, 200);
    assert.match(first.text, /id="filter-usernames" name="usernames" value="bob"/);
    assert.match(first.text, /Tokens 1 to 2 of 3/);
    assert.equal(listedIds(first.text).length, 2);
    const next = /id="next-page" href="([^"]+)"/.exec(first.text)?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    assert.ok(next, 'no next link');
    const second = await admin.get(next!.slice(host.url.length));
    assert.match(second.text, /Tokens 3 to 3 of 3/);
    assert.match(second.text, /id="previous-page"/);
  });

  test('invalid filter is shown inline', async () => {
    const response = await admin.get(`${managerPath}&start=abc`);
    assert.equal(response.status, 400);
    assert.match(response.text, /id="token-error"/);
    assert.match(response.text, /start &quot;abc&quot; is invalid/);
  });

  test('create errors keep the form', async () => {
    const page = await admin.get(managerPath);
    const unknown = await admin.post(managerPath, { atl_token: PageClient.tokenOf(page.text), action: 'create', owner: 'nobody', description: 'for nobody', validity: 'P6M' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /User &quot;nobody&quot; was not found/);
    assert.match(unknown.text, /id="create-description" name="description" maxlength="255" value="for nobody"/);

    const missing = await admin.post(managerPath, { atl_token: PageClient.tokenOf(page.text), action: 'create', owner: '', description: 'x', validity: 'P6M' });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /Enter the user name of the user who gets the token/);

    const tooLong = await admin.post(managerPath, { atl_token: PageClient.tokenOf(page.text), action: 'create', owner: 'bob', description: 'x', validity: 'P5Y' });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /Valid for: The validity &quot;P5Y&quot; is not allowed\. Choose one of/);
  });

  test('post without atl_token changes nothing', async () => {
    const response = await admin.post(managerPath, { action: 'create', owner: 'bob', description: 'no xsrf', validity: 'P6M' });
    assert.equal(response.status, 403);
    const list = await request(`${host.url}${restBase}/user/tokensByFilter?text=no%20xsrf`, { auth: adminAuth });
    assert.equal(list.body.total, 0);
  });

  test('hostile values are escaped', async () => {
    await createToken(host, adminAuth, { description: hostileDescription, validity: 'P6M', username: 'bob' });
    const page = await admin.get(`${managerPath}&text=${encodeURIComponent('<script>')}`);
    assert.ok(!page.text.includes('<script>alert'), 'the description is not escaped');
    assert.ok(page.text.includes('&lt;script&gt;alert('), 'the description is missing');
    assert.match(page.text, /id="filter-text" name="text" maxlength="255" value="&lt;script&gt;"/);

    const hostileFilter = await admin.get(`${managerPath}&usernames=${encodeURIComponent('"><b>x</b>')}`);
    assert.ok(!hostileFilter.text.includes('<b>x</b>'));
  });
});
