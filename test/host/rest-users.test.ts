import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { adminPassword, TestHost } from '../support/test-host.js';

describe('REST users and groups (jira)', () => {
  let host: TestHost;
  const auth = basic('admin', adminPassword);
  before(async () => {
    host = await TestHost.start();
  });
  after(async () => {
    await host?.dispose();
  });

  const call = (method: string, path: string, json?: unknown) => request(`${host.url}${path}`, { method, auth, json });
  const newUser = (name: string) => ({ name, password: `${name}-Secret1`, displayName: `${name} Display`, emailAddress: `${name}@example.com` });

  test('create, get, edit and delete a user', async () => {
    const created = await call('POST', '/rest/api/2/user', newUser('Carol'));
    assert.equal(created.status, 201);
    assert.equal(created.body.name, 'carol');
    assert.equal(created.body.key, 'carol');
    assert.equal(created.body.active, true);
    assert.deepEqual(created.body.groups.items, [{ name: 'jira-software-users' }]);

    const fetched = await call('GET', '/rest/api/2/user?username=CAROL');
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.displayName, 'Carol Display');
    assert.equal(fetched.body.emailAddress, 'Carol@example.com');

    const edited = await call('PUT', '/rest/api/2/user?username=carol', { displayName: 'Carol C', emailAddress: 'carol.c@example.com', active: false });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.displayName, 'Carol C');
    assert.equal(edited.body.emailAddress, 'carol.c@example.com');
    assert.equal(edited.body.active, false);

    const deleted = await call('DELETE', '/rest/api/2/user?username=carol');
    assert.equal(deleted.status, 204);
    const gone = await call('GET', '/rest/api/2/user?username=carol');
    assert.equal(gone.status, 404);
    assert.match(gone.body.errorMessages[0], /carol/);
    assert.equal((await call('DELETE', '/rest/api/2/user?username=carol')).status, 404);
  });

  test('groups: create, membership and delete', async () => {
    assert.equal((await call('POST', '/rest/api/2/user', newUser('dave'))).status, 201);
    const group = await call('POST', '/rest/api/2/group', { name: 'Reviewers' });
    assert.equal(group.status, 201);
    assert.equal(group.body.name, 'reviewers');

    const added = await call('POST', '/rest/api/2/group/user?groupname=reviewers', { name: 'DAVE' });
    assert.equal(added.status, 201);
    const members = await call('GET', '/rest/api/2/group/member?groupname=Reviewers');
    assert.equal(members.status, 200);
    assert.deepEqual(members.body.values.map((member: { name: string }) => member.name), ['dave']);
    const twice = await call('POST', '/rest/api/2/group/user?groupname=reviewers', { name: 'dave' });
    assert.equal(twice.status, 400);
    assert.match(twice.body.errors.name, /already a member/);

    const removed = await call('DELETE', '/rest/api/2/group/user?groupname=reviewers&username=dave');
    assert.equal(removed.status, 204);
    assert.deepEqual((await call('GET', '/rest/api/2/group/member?groupname=reviewers')).body.values, []);
    assert.equal((await call('DELETE', '/rest/api/2/group/user?groupname=reviewers&username=dave')).status, 404);

    assert.equal((await call('DELETE', '/rest/api/2/group?groupname=reviewers')).status, 204);
    assert.equal((await call('GET', '/rest/api/2/group/member?groupname=reviewers')).status, 404);
  });

  test('deleting a group keeps its users', async () => {
    assert.equal((await call('POST', '/rest/api/2/user', newUser('erin'))).status, 201);
    assert.equal((await call('POST', '/rest/api/2/group', { name: 'temporary' })).status, 201);
    assert.equal((await call('POST', '/rest/api/2/group/user?groupname=temporary', { name: 'erin' })).status, 201);
    assert.equal((await call('DELETE', '/rest/api/2/group?groupname=temporary')).status, 204);
    const erin = await call('GET', '/rest/api/2/user?username=erin');
    assert.deepEqual(erin.body.groups.items, [{ name: 'jira-software-users' }]);
  });

  test('admin group cannot be deleted', async () => {
    const response = await call('DELETE', '/rest/api/2/group?groupname=jira-administrators');
    assert.equal(response.status, 400);
    assert.match(response.body.errors.groupname, /cannot be deleted/);
    assert.equal((await call('GET', '/rest/api/2/group/member?groupname=jira-administrators')).status, 200);
  });

  test('admin cannot delete or deactivate themselves', async () => {
    const response = await call('DELETE', '/rest/api/2/user?username=Admin');
    assert.equal(response.status, 400);
    assert.match(response.body.errorMessages[0], /cannot delete the user you are logged in as/);
    assert.equal((await call('GET', '/rest/api/2/user?username=admin')).status, 200);
    const deactivated = await call('PUT', '/rest/api/2/user?username=admin', { active: false });
    assert.equal(deactivated.status, 400);
    assert.match(deactivated.body.errorMessages[0], /cannot deactivate the user you are logged in as/);
    assert.equal((await call('GET', '/rest/api/2/user?username=admin')).body.active, true);
  });

  test('missing fields name each field', async () => {
    const response = await call('POST', '/rest/api/2/user', {});
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys(response.body.errors).sort(), ['displayName', 'emailAddress', 'name', 'password']);
    assert.match(response.body.errors.name, /name/);
    assert.match(response.body.errors.password, /password/);
    assert.equal(response.body.errorMessages.length, 1);
  });

  test('empty and blank names are rejected', async () => {
    for (const name of ['', '   ']) {
      const response = await call('POST', '/rest/api/2/user', { ...newUser('x'), name });
      assert.equal(response.status, 400, JSON.stringify(name));
      assert.match(response.body.errors.name, /specify a name/);
    }
  });

  test('blank display name is rejected', async () => {
    const created = await call('POST', '/rest/api/2/user', { ...newUser('blankdisplay'), displayName: '   ' });
    assert.equal(created.status, 400);
    assert.equal(created.body.errors.displayName, 'You must specify a display name.');
    const lookup = await call('GET', '/rest/api/2/user?username=blankdisplay');
    assert.equal(lookup.status, 404);
  });

  test('long display name message reads well', async () => {
    const response = await call('POST', '/rest/api/2/user', { ...newUser('longdisplay'), displayName: 'd'.repeat(5000) });
    assert.equal(response.status, 400);
    assert.equal(response.body.errors.displayName, 'The display name must not exceed 255 characters (it has 5000).');
  });

  test('10,000-character names are rejected', async () => {
    const name = 'n'.repeat(10_000);
    const user = await call('POST', '/rest/api/2/user', { ...newUser('x'), name });
    assert.equal(user.status, 400);
    assert.match(user.body.errors.name, /must not exceed 255 characters/);
    assert.ok(user.text.length < 2000, 'the answer does not echo the whole name');
    const group = await call('POST', '/rest/api/2/group', { name });
    assert.equal(group.status, 400);
    assert.match(group.body.errors.name, /must not exceed 255/);
    const lookup = await call('GET', `/rest/api/2/user?username=${name}`);
    assert.equal(lookup.status, 404);
    const member = await call('POST', '/rest/api/2/group/user?groupname=jira-software-users', { name });
    assert.equal(member.status, 400);
  });

  test('duplicate user is rejected case-insensitively', async () => {
    assert.equal((await call('POST', '/rest/api/2/user', newUser('frank'))).status, 201);
    const duplicate = await call('POST', '/rest/api/2/user', { ...newUser('FRANK'), displayName: 'Impostor' });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.errors.name, /already exists/);
    assert.equal((await call('GET', '/rest/api/2/user?username=frank')).body.displayName, 'frank Display');
  });

  test('parallel duplicates create one user and no 500', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/rest/api/2/user', newUser('racer'))));
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 400, 400, 400, 400, 400]);
    for (const response of responses.filter((candidate) => candidate.status === 400)) {
      assert.match(response.body.errors.name, /already exists/);
    }
  });

  test('duplicate group is rejected case-insensitively', async () => {
    assert.equal((await call('POST', '/rest/api/2/group', { name: 'auditors' })).status, 201);
    const duplicate = await call('POST', '/rest/api/2/group', { name: 'Auditors' });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.errors.name, /already exists/);
  });

  test('unknown group and unknown user are 404', async () => {
    const add = await call('POST', '/rest/api/2/group/user?groupname=no-such-group', { name: 'admin' });
    assert.equal(add.status, 404);
    assert.match(add.body.errorMessages[0], /no-such-group/);
    const list = await call('GET', '/rest/api/2/group/member?groupname=no-such-group');
    assert.equal(list.status, 404);
    const remove = await call('DELETE', '/rest/api/2/group?groupname=no-such-group');
    assert.equal(remove.status, 404);
    const ghost = await call('POST', '/rest/api/2/group/user?groupname=jira-software-users', { name: 'ghost' });
    assert.equal(ghost.status, 404);
    assert.match(ghost.body.errorMessages[0], /ghost/);
    const put = await call('PUT', '/rest/api/2/user?username=ghost', { displayName: 'Boo' });
    assert.equal(put.status, 404);
  });

  test('missing and repeated query parameters are 400', async () => {
    const missing = await call('GET', '/rest/api/2/user');
    assert.equal(missing.status, 400);
    assert.ok('username' in missing.body.errors);
    const repeated = await call('GET', '/rest/api/2/user?username=a&username=b');
    assert.equal(repeated.status, 400);
    assert.match(repeated.body.errorMessages[0], /username/);
    const noGroup = await call('DELETE', '/rest/api/2/group/user?groupname=jira-software-users');
    assert.equal(noGroup.status, 400);
    assert.ok('username' in noGroup.body.errors);
  });

  test('wrong types name the field', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['name', { ...newUser('typed'), name: 123 }, 'name'],
      ['password', { ...newUser('typed'), password: ['a'] }, 'password'],
      ['displayName', { ...newUser('typed'), displayName: { first: 'a' } }, 'displayName'],
      ['emailAddress', { ...newUser('typed'), emailAddress: true }, 'emailAddress'],
    ];
    for (const [label, body, field] of cases) {
      const response = await call('POST', '/rest/api/2/user', body);
      assert.equal(response.status, 400, label);
      assert.ok(field in response.body.errors, `${label}: ${JSON.stringify(response.body)}`);
    }
    assert.equal((await call('GET', '/rest/api/2/user?username=typed')).status, 404);

    assert.equal((await call('POST', '/rest/api/2/user', newUser('gina'))).status, 201);
    const active = await call('PUT', '/rest/api/2/user?username=gina', { active: 'no' });
    assert.equal(active.status, 400);
    assert.match(active.body.errors.active, /true or false/);
    const group = await call('POST', '/rest/api/2/group', { name: 7 });
    assert.equal(group.status, 400);
    assert.ok('name' in group.body.errors);
  });

  test('invalid edit saves no field', async () => {
    assert.equal((await call('POST', '/rest/api/2/user', newUser('hank'))).status, 201);
    const response = await call('PUT', '/rest/api/2/user?username=hank', { displayName: 'Changed', emailAddress: 'not-an-email', active: false });
    assert.equal(response.status, 400);
    assert.ok('emailAddress' in response.body.errors);
    const hank = await call('GET', '/rest/api/2/user?username=hank');
    assert.equal(hank.body.displayName, 'hank Display');
    assert.equal(hank.body.active, true);
  });

  test('non-object JSON bodies are 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const response = await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth, headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 400, body);
      assert.match(response.body.errorMessages[0], /must be a JSON object/, body);
    }
  });

  test('malformed JSON is 400 for every write', async () => {
    for (const [method, path] of [['POST', '/rest/api/2/user'], ['PUT', '/rest/api/2/user?username=admin'], ['POST', '/rest/api/2/group'], ['POST', '/rest/api/2/group/user?groupname=jira-software-users']]) {
      const response = await request(`${host.url}${path}`, { method, auth, headers: { 'content-type': 'application/json' }, body: '{"name": ' });
      assert.equal(response.status, 400, `${method} ${path}`);
      assert.match(response.body.errorMessages[0], /not valid JSON/);
    }
  });

  test('form and text bodies are 415 or 403, never saved', async () => {
    const form = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-atlassian-token': 'no-check' },
      body: 'name=formuser&password=x-Secret1&displayName=Form&emailAddress=f%40example.com',
    });
    assert.equal(form.status, 415);
    assert.match(form.body.errorMessages[0], /application\/json/);
    const text = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth,
      headers: { 'content-type': 'text/plain', 'x-atlassian-token': 'no-check' },
      body: 'name=textuser',
    });
    assert.equal(text.status, 415);
    const noCheck = await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth, headers: { 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(noCheck.status, 403);
    assert.deepEqual(noCheck.body.errorMessages, ['XSRF check failed']);
    assert.equal((await call('GET', '/rest/api/2/user?username=formuser')).status, 404);
  });

  test('malformed Authorization on admin resources is 401', async () => {
    for (const header of ['Basic', 'Basic ###', 'Basic YWRtaW4=', 'basic', 'Digest x=1', `Basic ${'A'.repeat(9000)}`]) {
      const response = await request(`${host.url}/rest/api/2/user`, { method: 'POST', headers: { authorization: header }, json: newUser('sneaky') });
      assert.equal(response.status, 401, header.slice(0, 20));
      assert.equal(response.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
      assert.ok(Array.isArray(response.body.errorMessages));
    }
    assert.equal((await call('GET', '/rest/api/2/user?username=sneaky')).status, 404);
  });

  test('anonymous and non-admin callers are refused', async () => {
    const anonymous = await request(`${host.url}/rest/api/2/user?username=admin`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, { 'status-code': 401, message: 'Client must be authenticated to access this resource.' });
    assert.equal((await call('POST', '/rest/api/2/user', newUser('ivy'))).status, 201);
    const plain = await request(`${host.url}/rest/api/2/group`, { method: 'POST', auth: basic('ivy', 'ivy-Secret1'), json: { name: 'ivy-group' } });
    assert.equal(plain.status, 403);
    assert.match(plain.body.errorMessages[0], /not an administrator/);
    assert.equal((await call('GET', '/rest/api/2/group/member?groupname=ivy-group')).status, 404);
  });
});

describe('deactivated users (jira)', () => {
  let host: TestHost;
  const auth = basic('admin', adminPassword);
  before(async () => {
    host = await TestHost.start();
  });
  after(async () => {
    await host?.dispose();
  });

  async function webLogin(username: string, password: string): Promise<number> {
    const { PageClient } = await import('../support/session.js');
    return new PageClient(host.url).login('/login.jsp', username, password);
  }

  test('deactivation blocks login and reactivation restores it', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth,
      json: { name: 'jack', password: 'jack-Secret1', displayName: 'Jack', emailAddress: 'jack@example.com' },
    });
    assert.equal(created.status, 201);
    assert.equal(await webLogin('jack', 'jack-Secret1'), 302);
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('jack', 'jack-Secret1') })).status, 200);

    const { PageClient } = await import('../support/session.js');
    const session = new PageClient(host.url);
    assert.equal(await session.login('/login.jsp', 'jack', 'jack-Secret1'), 302);

    const off = await request(`${host.url}/rest/api/2/user?username=jack`, { method: 'PUT', auth, json: { active: false } });
    assert.equal(off.status, 200);
    assert.equal(off.body.active, false);
    assert.equal(await webLogin('jack', 'jack-Secret1'), 401);
    const basicAuth = await request(`${host.url}/rest/api/2/myself`, { auth: basic('jack', 'jack-Secret1') });
    assert.equal(basicAuth.status, 401);
    assert.equal(basicAuth.headers.get('x-seraph-loginreason'), 'AUTHENTICATED_FAILED');
    const oldSession = await session.rest('/rest/api/2/myself');
    assert.equal(oldSession.status, 401, 'the session opened before deactivation ends');

    const on = await request(`${host.url}/rest/api/2/user?username=jack`, { method: 'PUT', auth, json: { active: true } });
    assert.equal(on.status, 200);
    assert.equal(await webLogin('jack', 'jack-Secret1'), 302);
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('jack', 'jack-Secret1') })).status, 200);
  });
});
