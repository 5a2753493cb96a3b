import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { adminAuth, createToken, createUser, myself, restBase } from '../support/token-host.js';

const pagePath = '/plugins/servlet/apitokenauth/tokens';
const hostileDescription = `<script>alert("x")</script> "double" 'single' & more`;

function tokenOnPage(html: string): string {
  const match = /id="new-token-value">(pha_[0-9A-Za-z]+)</.exec(html);
  if (!match) throw new Error('the page shows no new token');
  return match[1]!;
}

describe('My API Tokens page without JavaScript (jira)', () => {
  let host: TestHost;
  let password: string;

  before(async () => {
    host = await TestHost.start();
    password = await createUser(host, 'alice');
  });
  after(async () => {
    await host.dispose();
  });

  async function loggedIn(): Promise<PageClient> {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'alice', password), 302);
    return client;
  }

  test('user menu links to the page', async () => {
    const client = await loggedIn();
    const home = await client.get('/');
    assert.match(home.text, /href="[^"]*\/plugins\/servlet\/apitokenauth\/tokens"[^>]*>API Token Authentication</);
  });

  test('create shows the token once, then delete with confirmation', async () => {
    const client = await loggedIn();
    const page = await client.get(pagePath);
    assert.equal(page.status, 200);
    assert.match(page.text, /My API Tokens/);

    const posted = await client.post(pagePath, { atl_token: PageClient.tokenOf(page.text), action: 'create', description: 'form token', validity: 'P6M' });
    assert.equal(posted.status, 302);
    const created = await client.get(new URL(posted.headers.get('location')!).pathname + new URL(posted.headers.get('location')!).search);
    const token = tokenOnPage(created.text);
    assert.match(created.text, /will not be shown again/);
    assert.equal((await myself(host, basic('alice', token))).status, 200);

    const again = await client.get(pagePath);
    assert.ok(!again.text.includes(token), 'the token is shown a second time');
    const id = /data-token-id="(\d+)"/.exec(again.text)![1]!;

    const confirm = await client.post(pagePath, { atl_token: PageClient.tokenOf(again.text), action: 'delete', id });
    assert.match(confirm.text, /id="delete-confirmation"/);
    assert.equal((await myself(host, basic('alice', token))).status, 200, 'asking for confirmation deleted the token');
    await client.post(pagePath, { atl_token: PageClient.tokenOf(confirm.text), action: 'delete-confirmed', id });
    assert.equal((await myself(host, basic('alice', token))).status, 401);
  });

  test('post without atl_token changes nothing', async () => {
    const client = await loggedIn();
    const response = await client.post(pagePath, { action: 'create', description: 'no xsrf', validity: 'P6M' });
    assert.equal(response.status, 403);
    const list = await request(`${host.url}${restBase}/user/tokens`, { auth: basic('alice', password) });
    assert.ok(!list.text.includes('no xsrf'));
  });

  test('hostile description is shown as text', async () => {
    await createToken(host, adminAuth, { description: hostileDescription, validity: 'P6M', username: 'alice' });
    const client = await loggedIn();
    const page = await client.get(pagePath);
    assert.ok(!page.text.includes('<script>alert'), 'the description is not escaped');
    assert.ok(page.text.includes('&lt;script&gt;alert('), 'the description is missing');
    const id = /data-token-id="(\d+)"[\s\S]*?&lt;script&gt;/.exec(page.text)?.[1];
    assert.ok(id);
    const confirm = await client.post(pagePath, { atl_token: PageClient.tokenOf(page.text), action: 'delete', id: id! });
    assert.ok(!confirm.text.includes('<script>alert'));
    assert.ok(confirm.text.includes('&lt;script&gt;'));
  });

  test('reloading after create adds no token', async () => {
    const client = await loggedIn();
    const page = await client.get(pagePath);
    const posted = await client.post(pagePath, { atl_token: PageClient.tokenOf(page.text), action: 'create', description: 'reloaded', validity: 'P6M' });
    assert.equal(posted.status, 302);
    const location = new URL(posted.headers.get('location')!);
    assert.equal(location.origin, host.url);
    assert.match(location.search, /^\?created=[\w-]+$/);

    const shown = await client.get(location.pathname + location.search);
    const token = tokenOnPage(shown.text);
    assert.ok(!location.href.includes(token));
    const reloaded = await client.get(location.pathname + location.search);
    assert.equal(reloaded.status, 200);
    assert.ok(!reloaded.text.includes(token), 'the token is shown a second time');
    assert.match(reloaded.text, /id="token-no-longer-shown"/);

    const tokens = await request(`${host.url}${restBase}/user/tokens`, { auth: basic('alice', password) });
    assert.equal(tokens.body.filter((item: { description: string }) => item.description === 'reloaded').length, 1);
    assert.ok(!host.logFile().includes(token), 'the raw token is in the log');
  });

  test('invalid description is shown inline', async () => {
    const client = await loggedIn();
    const page = await client.get(pagePath);
    const response = await client.post(pagePath, { atl_token: PageClient.tokenOf(page.text), action: 'create', description: '', validity: 'P6M' });
    assert.equal(response.status, 400);
    assert.match(response.text, /id="token-error">The token was not created\.<div class="field-error">Description: Enter a description/);
  });
});
