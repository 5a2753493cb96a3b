import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic } from '../../support/http.js';
import { openAdminSession } from '../../support/admin-session.js';
import { jiraPaths } from '../../support/flavour-paths.js';
import { PageClient } from '../../support/session.js';
import { createToken, createUser, myself, restBase } from '../support/token-host.js';
import { postAdminForm, settingsFormFields } from '../support/admin-page.js';

describe('Basic auth with passwords disabled (jira)', () => {
  let host: TestHost;
  let admin: PageClient;
  let alicePassword: string;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
    admin = await openAdminSession(host.url, jiraPaths, 'admin', adminPassword);
  });
  after(async () => {
    await host.dispose();
  });

  test('passwords refused, logins and tokens work', async () => {
    const token = await createToken(host, basic('alice', alicePassword), { description: 'script' });
    assert.equal((await myself(host, basic('alice', alicePassword))).status, 200, 'passwords work before the change');

    const saved = await postAdminForm(admin, 'settings', (atlToken) => settingsFormFields(atlToken, { passwordBasicAuthDisabled: 'on' }));
    assert.equal(saved.status, 200);
    assert.equal((await admin.rest(`${restBase}/admin/settings`)).body.passwordBasicAuthDisabled, true);

    const withPassword = await myself(host, basic('alice', alicePassword));
    assert.equal(withPassword.status, 403);
    assert.match(withPassword.body.errorMessages[0], /Password authentication is disabled for REST/);
    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200, 'Basic with the token works');
    assert.equal((await myself(host, `Bearer ${token.rawToken}`)).status, 200, 'Bearer with the token works');

    const browser = new PageClient(host.url);
    assert.equal(await browser.login(jiraPaths.login, 'alice', alicePassword), 302, 'the web login accepts the password');
    const session = await browser.rest('/rest/api/2/myself');
    assert.equal(session.status, 200);
    assert.equal(session.body.name, 'alice');

    await postAdminForm(admin, 'settings', (atlToken) => settingsFormFields(atlToken));
    assert.equal((await myself(host, basic('alice', alicePassword))).status, 200, 'passwords work again');
  });
});
