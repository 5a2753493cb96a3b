import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openAdminSession } from '../support/admin-session.js';
import { bothFlavours } from '../support/flavour-paths.js';
import { escapeHtml, hasId, textOfId, valueOfId } from '../support/html.js';
import { basic, request } from '../support/http.js';
import { PageClient } from '../support/session.js';
import { adminPassword, TestHost } from '../support/test-host.js';

for (const paths of bothFlavours) {
  describe(`user admin pages (${paths.product})`, () => {
    let host: TestHost;
    let admin: PageClient;
    const adminAuth = basic('admin', adminPassword);

    before(async () => {
      host = await TestHost.start({ product: paths.product });
      admin = await openAdminSession(host.url, paths, 'admin', adminPassword);
    });
    after(async () => {
      await host?.dispose();
    });

    const userUrl = (name: string) => `${paths.user}?name=${encodeURIComponent(name)}`;
    const groupUrl = (name: string) => `${paths.group}?name=${encodeURIComponent(name)}`;
    const getUser = (name: string) => request(`${host.url}/rest/api/2/user?username=${encodeURIComponent(name)}`, { auth: adminAuth });

    /** Posts a form of the page at `path` with that page's atl_token. */
    async function submit(path: string, fields: Record<string, string | string[]>) {
      const page = await admin.get(path);
      assert.equal(page.status, 200, `GET ${path} answered ${page.status}`);
      return admin.post(path, { atl_token: PageClient.tokenOf(page.text), ...fields });
    }

    async function createUser(name: string, extra: Record<string, string | string[]> = {}) {
      const response = await submit(paths.users, {
        name,
        password: `${name}-Secret1`,
        displayName: `${name} Display`,
        emailAddress: `${name}@example.com`,
        groups: paths.userGroup,
        ...extra,
      });
      assert.equal(response.status, 302, response.text.slice(0, 500));
      return response;
    }

    test('user browser lists admin in the admin layout', async () => {
      const page = await admin.get(paths.users);
      assert.equal(page.status, 200);
      assert.ok(hasId(page.text, 'user-row-admin'));
      assert.ok(hasId(page.text, 'user-search'));
      assert.ok(hasId(page.text, 'create-user'));
      assert.ok(page.text.includes(escapeHtml(paths.userAdminSection)), 'admin navigation shows the flavour section');
      assert.ok(hasId(page.text, 'user_browser'));
    });

    test('anonymous browser is sent to the login page', async () => {
      const anonymous = new PageClient(host.url);
      const page = await anonymous.get(paths.users);
      assert.equal(page.status, 302);
      assert.ok(page.headers.get('location')!.includes(`${paths.login}?os_destination=`));
    });

    test('non-admin user gets 403 on the admin pages', async () => {
      await createUser('plainuser');
      const client = new PageClient(host.url);
      assert.equal(await client.login(paths.login, 'plainuser', 'plainuser-Secret1'), 302);
      for (const path of [paths.users, paths.groups, userUrl('admin'), groupUrl(paths.userGroup)]) {
        const page = await client.get(path);
        assert.equal(page.status, 403, path);
      }
    });

    test('create user through the form', async () => {
      const response = await createUser('alice', { groups: [paths.userGroup] });
      assert.ok(response.headers.get('location')!.includes(userUrl('alice')));
      const rest = await getUser('alice');
      assert.equal(rest.status, 200);
      assert.equal(rest.body.displayName, 'alice Display');
      assert.equal(rest.body.emailAddress, 'alice@example.com');
      assert.deepEqual(rest.body.groups.items, [{ name: paths.userGroup }]);
      const login = await request(`${host.url}/rest/api/2/myself`, { auth: basic('alice', 'alice-Secret1') });
      assert.equal(login.status, 200);

      const list = await admin.get(paths.users);
      assert.ok(hasId(list.text, 'user-row-alice'));
    });

    test('create form shows every field error and keeps values', async () => {
      const response = await submit(paths.users, { name: '', password: '', displayName: 'Kept <Name>', emailAddress: 'not-an-email', groups: paths.userGroup });
      assert.equal(response.status, 400);
      assert.match(textOfId(response.text, 'create-user-name-error')!, /specify a name/);
      assert.match(textOfId(response.text, 'create-user-password-error')!, /specify a password/);
      assert.match(textOfId(response.text, 'create-user-email-error')!, /not a valid email address/);
      assert.equal(hasId(response.text, 'create-user-display-name-error'), false);
      assert.equal(valueOfId(response.text, 'create-user-display-name'), escapeHtml('Kept <Name>'));
      assert.equal(valueOfId(response.text, 'create-user-email'), 'not-an-email');
      assert.ok(!response.text.includes('value="not-an-email@'), 'password is never echoed');
    });

    test('duplicate user name is shown inline and nothing is saved', async () => {
      await createUser('dupe');
      const response = await submit(paths.users, { name: 'DUPE', password: 'x-Secret1', displayName: 'Other', emailAddress: 'other@example.com' });
      assert.equal(response.status, 400);
      assert.match(textOfId(response.text, 'create-user-name-error')!, /already exists/);
      const rest = await getUser('dupe');
      assert.equal(rest.body.displayName, 'dupe Display');
    });

    test('unknown group in the create form is a field error', async () => {
      const response = await submit(paths.users, { name: 'nogroup', password: 'x-Secret1', displayName: 'No Group', emailAddress: 'ng@example.com', groups: 'no-such-group' });
      assert.equal(response.status, 400);
      assert.match(textOfId(response.text, 'create-user-groups-error')!, /no-such-group.*does not exist/);
      assert.equal((await getUser('nogroup')).status, 404);
    });

    test('script and quotes in values are escaped', async () => {
      const hostile = `<script>alert("x")</script> 'quoted' & "more"`;
      await createUser('escaped', { displayName: hostile });
      for (const path of [paths.users, userUrl('escaped'), groupUrl(paths.userGroup)]) {
        const page = await admin.get(path);
        assert.equal(page.status, 200, path);
        assert.ok(!page.text.includes('<script>alert'), `${path} contains the raw script tag`);
        assert.ok(page.text.includes(escapeHtml(hostile)), `${path} does not show the escaped value`);
      }
      const search = await admin.get(`${paths.users}?q=${encodeURIComponent('"><script>x</script>')}`);
      assert.equal(search.status, 200);
      assert.ok(!search.text.includes('"><script>x'));
      assert.ok(hasId(search.text, 'no-users'));
    });

    test('search finds by name, display name and email', async () => {
      await createUser('searchme', { displayName: 'Findable Person', emailAddress: 'unique-mailbox@example.org' });
      for (const term of ['SEARCHME', 'findable', 'unique-mailbox@example.org']) {
        const page = await admin.get(`${paths.users}?q=${encodeURIComponent(term)}`);
        assert.ok(hasId(page.text, 'user-row-searchme'), `search for ${term}`);
        assert.equal(hasId(page.text, 'user-row-admin'), false, `search for ${term} lists admin`);
      }
    });

    test('edit display name, email and password', async () => {
      await createUser('editme');
      const response = await submit(userUrl('editme'), { action: 'update', displayName: 'Edited Name', emailAddress: 'edited@example.com', password: 'New-Secret2' });
      assert.equal(response.status, 302);
      const rest = await getUser('editme');
      assert.equal(rest.body.displayName, 'Edited Name');
      assert.equal(rest.body.emailAddress, 'edited@example.com');
      assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('editme', 'New-Secret2') })).status, 200);
      assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('editme', 'editme-Secret1') })).status, 401);
      const page = await admin.get(response.headers.get('location')!.replace(host.url, ''));
      assert.match(textOfId(page.text, 'notice')!, /changes to editme were saved/);
    });

    test('invalid edit shows the error and saves nothing', async () => {
      await createUser('badedit');
      const response = await submit(userUrl('badedit'), { action: 'update', displayName: 'Changed', emailAddress: 'broken', password: '' });
      assert.equal(response.status, 400);
      assert.match(textOfId(response.text, 'edit-user-email-error')!, /not a valid email address/);
      assert.equal(valueOfId(response.text, 'edit-user-display-name'), 'Changed');
      assert.equal(valueOfId(response.text, 'edit-user-email'), 'broken');
      const rest = await getUser('badedit');
      assert.equal(rest.body.displayName, 'badedit Display');
      assert.equal(rest.body.emailAddress, 'badedit@example.com');
    });

    test('deactivate and activate a user', async () => {
      await createUser('toggled');
      assert.equal((await submit(userUrl('toggled'), { action: 'deactivate' })).status, 302);
      assert.equal((await getUser('toggled')).body.active, false);
      assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('toggled', 'toggled-Secret1') })).status, 401);
      const page = await admin.get(userUrl('toggled'));
      assert.equal(textOfId(page.text, 'user-status'), 'Inactive');

      assert.equal((await submit(userUrl('toggled'), { action: 'activate' })).status, 302);
      assert.equal((await getUser('toggled')).body.active, true);
      assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('toggled', 'toggled-Secret1') })).status, 200);
    });

    test('delete a user after confirmation', async () => {
      await createUser('doomed');
      const confirm = await admin.get(`${userUrl('doomed')}&action=delete`);
      assert.equal(confirm.status, 200);
      assert.ok(hasId(confirm.text, 'confirm-delete-user'));
      const response = await admin.post(userUrl('doomed'), { atl_token: PageClient.tokenOf(confirm.text), action: 'delete' });
      assert.equal(response.status, 302);
      assert.ok(response.headers.get('location')!.includes(paths.users));
      assert.equal((await getUser('doomed')).status, 404);
      assert.equal((await admin.get(userUrl('doomed'))).status, 404);
    });

    test('admin cannot delete or deactivate themselves', async () => {
      const confirm = await admin.get(`${userUrl('admin')}&action=delete`);
      assert.equal(hasId(confirm.text, 'confirm-delete-user'), false);
      const deleted = await submit(userUrl('admin'), { action: 'delete' });
      assert.equal(deleted.status, 400);
      assert.match(textOfId(deleted.text, 'action-error')!, /cannot delete the user you are logged in as/);
      const deactivated = await submit(userUrl('admin'), { action: 'deactivate' });
      assert.equal(deactivated.status, 400);
      const rest = await getUser('admin');
      assert.equal(rest.status, 200);
      assert.equal(rest.body.active, true);
    });

    test('form without atl_token changes nothing', async () => {
      const response = await admin.post(paths.users, { name: 'noxsrf', password: 'x-Secret1', displayName: 'No Token', emailAddress: 'nt@example.com' });
      assert.equal(response.status, 403);
      assert.match(response.text, /XSRF Security Token Missing/);
      assert.equal((await getUser('noxsrf')).status, 404);
    });

    test('failed logins are shown and the reset sets current to 0', async () => {
      await createUser('fumbler');
      for (let i = 0; i < 3; i += 1) {
        assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: basic('fumbler', 'wrong') })).status, 401);
      }
      const denied = await request(`${host.url}/rest/api/2/myself`, { auth: basic('fumbler', 'fumbler-Secret1') });
      assert.equal(denied.status, 403);

      const before = await admin.get(userUrl('fumbler'));
      assert.equal(textOfId(before.text, 'failed-login-current'), '4');
      assert.equal(textOfId(before.text, 'failed-login-total'), '4');
      assert.notEqual(textOfId(before.text, 'last-failed-login'), '-');
      assert.ok(hasId(before.text, 'captcha-required'));
      const list = await admin.get(`${paths.users}?q=fumbler`);
      assert.match(list.text, /CAPTCHA required at next login/);

      const reset = await admin.post(userUrl('fumbler'), { atl_token: PageClient.tokenOf(before.text), action: 'resetFailedLogins' });
      assert.equal(reset.status, 302);
      const after = await admin.get(reset.headers.get('location')!.replace(host.url, ''));
      assert.equal(textOfId(after.text, 'failed-login-current'), '0');
      assert.equal(textOfId(after.text, 'failed-login-total'), '4');
      assert.equal(hasId(after.text, 'captcha-required'), false);
      assert.match(textOfId(after.text, 'notice')!, /failed login count of fumbler was reset/);

      const allowed = await request(`${host.url}/rest/api/2/myself`, { auth: basic('fumbler', 'fumbler-Secret1') });
      assert.equal(allowed.status, 200);
      const counted = await admin.get(userUrl('fumbler'));
      assert.equal(textOfId(counted.text, 'login-count'), '1');
    });

    test('add to and remove from a group on the user page', async () => {
      await createUser('joiner');
      assert.equal((await submit(userUrl('joiner'), { action: 'addGroup', group: paths.adminGroup })).status, 302);
      assert.deepEqual((await getUser('joiner')).body.groups.items.map((group: { name: string }) => group.name), [paths.adminGroup, paths.userGroup]);
      const again = await submit(userUrl('joiner'), { action: 'addGroup', group: paths.adminGroup });
      assert.equal(again.status, 400);
      assert.match(textOfId(again.text, 'groups-error')!, /already a member/);

      assert.equal((await submit(userUrl('joiner'), { action: 'removeGroup', group: paths.adminGroup })).status, 302);
      assert.deepEqual((await getUser('joiner')).body.groups.items, [{ name: paths.userGroup }]);
      const unknown = await submit(userUrl('joiner'), { action: 'addGroup', group: 'no-such-group' });
      assert.equal(unknown.status, 400);
      assert.match(textOfId(unknown.text, 'groups-error')!, /does not exist/);
    });

    test('admin cannot leave the admin group', async () => {
      const response = await submit(userUrl('admin'), { action: 'removeGroup', group: paths.adminGroup });
      assert.equal(response.status, 400);
      const members = await submit(groupUrl(paths.adminGroup), { action: 'removeMember', username: 'admin' });
      assert.equal(members.status, 400);
      assert.ok((await getUser('admin')).body.groups.items.some((group: { name: string }) => group.name === paths.adminGroup));
    });

    test('create and delete a group', async () => {
      const created = await submit(paths.groups, { action: 'create', name: 'Testers' });
      assert.equal(created.status, 302);
      const list = await admin.get(paths.groups);
      assert.ok(hasId(list.text, 'group-row-testers'));
      assert.match(list.text, /id="group-row-testers"[\s\S]*?class="member-count">0</);

      const duplicate = await submit(paths.groups, { action: 'create', name: 'TESTERS' });
      assert.equal(duplicate.status, 400);
      assert.match(textOfId(duplicate.text, 'create-group-name-error')!, /already exists/);
      assert.equal(valueOfId(duplicate.text, 'create-group-name'), 'TESTERS');
      const empty = await submit(paths.groups, { action: 'create', name: '   ' });
      assert.equal(empty.status, 400);
      assert.ok(hasId(empty.text, 'create-group-name-error'));

      const confirm = await admin.get(`${paths.groups}?delete=testers`);
      assert.ok(hasId(confirm.text, 'confirm-delete-group'));
      const deleted = await admin.post(paths.groups, { atl_token: PageClient.tokenOf(confirm.text), action: 'delete', name: 'testers' });
      assert.equal(deleted.status, 302);
      assert.equal(hasId((await admin.get(paths.groups)).text, 'group-row-testers'), false);
    });

    test('admin group cannot be deleted', async () => {
      const confirm = await admin.get(`${paths.groups}?delete=${paths.adminGroup}`);
      assert.equal(hasId(confirm.text, 'confirm-delete-group'), false);
      const response = await submit(paths.groups, { action: 'delete', name: paths.adminGroup });
      assert.equal(response.status, 400);
      assert.match(textOfId(response.text, 'group-error')!, /cannot be deleted/);
      assert.ok(hasId((await admin.get(paths.groups)).text, `group-row-${paths.adminGroup}`));
    });

    test('group members page adds and removes members', async () => {
      await createUser('member1');
      assert.equal((await submit(paths.groups, { action: 'create', name: 'crew' })).status, 302);
      const added = await submit(groupUrl('crew'), { action: 'addMember', username: 'Member1' });
      assert.equal(added.status, 302);
      const page = await admin.get(groupUrl('crew'));
      assert.ok(hasId(page.text, 'member-row-member1'));
      const list = await admin.get(paths.groups);
      assert.match(list.text, /id="group-row-crew"[\s\S]*?class="member-count">1</);

      const unknown = await submit(groupUrl('crew'), { action: 'addMember', username: 'ghost' });
      assert.equal(unknown.status, 400);
      assert.match(textOfId(unknown.text, 'member-error')!, /ghost.*does not exist/);
      assert.equal(valueOfId(unknown.text, 'add-member-username'), 'ghost');

      const removed = await submit(groupUrl('crew'), { action: 'removeMember', username: 'member1' });
      assert.equal(removed.status, 302);
      const members = await request(`${host.url}/rest/api/2/group/member?groupname=crew`, { auth: adminAuth });
      assert.deepEqual(members.body.values, []);
    });

    test('user browser pages through 50 users', async () => {
      const names = Array.from({ length: 51 }, (_, index) => `paged${String(index).padStart(2, '0')}`);
      const responses = await Promise.all(
        names.map((name) => admin.rest('/rest/api/2/user', { method: 'POST', json: { name, password: `${name}-Secret1`, displayName: name, emailAddress: `${name}@example.com` } })),
      );
      assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([201]));

      const first = await admin.get(`${paths.users}?q=paged`);
      assert.equal((first.text.match(/id="user-row-paged/g) ?? []).length, 50);
      assert.ok(hasId(first.text, 'user-row-paged49'));
      assert.equal(hasId(first.text, 'users-previous'), false);
      const next = /id="users-next" href="([^"]+)"/.exec(first.text)?.[1];
      assert.ok(next, 'first page links to the next one');

      const second = await admin.get(next.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=').replace(host.url, ''));
      assert.equal((second.text.match(/id="user-row-paged/g) ?? []).length, 1);
      assert.ok(hasId(second.text, 'user-row-paged50'));
      assert.ok(hasId(second.text, 'users-previous'));
      assert.equal(hasId(second.text, 'users-next'), false);
    });

    test('unknown user or group page is 404', async () => {
      assert.equal((await admin.get(userUrl('nobody'))).status, 404);
      assert.equal((await admin.get(groupUrl('nothing'))).status, 404);
      assert.equal((await admin.get(paths.user)).status, 404);
    });
  });
}
