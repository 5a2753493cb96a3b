import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { fixturePluginsDir, npmPack, runPluginCli } from '../support/plugin-cli.js';
import { tablesWithPrefix } from '../support/plugin-tables.js';
import { PageClient } from '../support/session.js';
import { grantWebSudo } from '../support/websudo.js';
import { adminPassword, TestHost } from '../support/test-host.js';

const key = 'com.example.greeter';
const prefix = 'AO_9431C5_';
const admin = basic('admin', adminPassword);

describe('Manage apps page', () => {
  let host: TestHost;
  let browser: PageClient;
  let archive: string;
  let packDir: string;

  /** Posts the upload form as a browser does: multipart with the page's atl_token. */
  const upload = async (file: string, token: string | undefined) => {
    const form = new FormData();
    if (token !== undefined) form.append('atl_token', token);
    form.append('plugin', new Blob([fs.readFileSync(file)], { type: 'application/gzip' }), path.basename(file));
    const response = await fetch(`${host.url}/plugins/servlet/upm/upload`, { method: 'POST', body: form, headers: { cookie: browser.cookieHeader, accept: 'text/html' }, redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  };
  const token = async () => PageClient.tokenOf((await browser.get('/plugins/servlet/upm')).text);
  const ping = async () => (await request(`${host.url}/rest/${key}/1.0/ping`)).status;

  before(async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-pack-'));
    archive = await npmPack(path.join(fixturePluginsDir, 'greeter'), packDir);
    host = await TestHost.start();
    browser = new PageClient(host.url);
    assert.equal(await browser.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(browser, 'jira', adminPassword);
  });
  after(async () => {
    await host.dispose();
    fs.rmSync(packDir, { recursive: true, force: true });
  });

  test('page needs an administrator', async () => {
    const anonymous = await new PageClient(host.url).get('/plugins/servlet/upm');
    assert.equal(anonymous.status, 302);
    await request(`${host.url}/rest/api/2/user`, { method: 'POST', auth: admin, json: { name: 'carol', password: 'carol-Pa55word', displayName: 'Carol', emailAddress: 'carol@example.com' } });
    const user = new PageClient(host.url);
    await user.login('/login.jsp', 'carol', 'carol-Pa55word');
    assert.equal((await user.get('/plugins/servlet/upm')).status, 403);
  });

  test('upload without atl_token changes nothing', async () => {
    const response = await upload(archive, undefined);
    assert.equal(response.status, 403);
    assert.match(response.text, /XSRF Security Token Missing/);
    assert.equal(await ping(), 404);
  });

  test('uploaded .tgz is installed and enabled', async () => {
    const response = await upload(archive, await token());
    assert.equal(response.status, 302, response.text);
    assert.equal(await ping(), 200);
    const page = await browser.get(new URL(response.location ?? '').pathname + new URL(response.location ?? '').search);
    assert.match(page.text, /Installed and enabled Greeter 1\.2\.0\./);
    assert.match(page.text, /<tr data-key="com\.example\.greeter" data-state="ENABLED">/);
    assert.doesNotMatch(response.location ?? '', /Installed/, 'the redirect carries an id, not the message');
    const again = await browser.get(new URL(response.location ?? '').pathname + new URL(response.location ?? '').search);
    assert.doesNotMatch(again.text, /Installed and enabled/, 'the message is shown once');
    const crafted = await browser.get('/plugins/servlet/upm?done=Your%20licence%20expired&outcome=made-up');
    assert.equal(crafted.status, 200);
    assert.doesNotMatch(crafted.text, /licence expired/);
    assert.ok(fs.existsSync(path.join(host.dataDir, 'plugins', key, 'package.json')));
  });

  test('upload of a non-plugin file is refused', async () => {
    const bogus = path.join(packDir, 'not-a-plugin.tgz');
    fs.writeFileSync(bogus, 'plain text, not gzip');
    const response = await upload(bogus, await token());
    assert.equal(response.status, 400);
    assert.match(response.text, /could not be unpacked/);
  });

  test('disable and enable through the forms', async () => {
    const disabled = await browser.post('/plugins/servlet/upm/disable', { atl_token: await token(), key });
    assert.equal(disabled.status, 302);
    assert.equal(await ping(), 404);
    assert.match((await browser.get('/plugins/servlet/upm')).text, /<tr data-key="com\.example\.greeter" data-state="DISABLED">/);
    const enabled = await browser.post('/plugins/servlet/upm/enable', { atl_token: await token(), key });
    assert.equal(enabled.status, 302);
    assert.equal(await ping(), 200);
  });

  test('form without atl_token is refused', async () => {
    const response = await browser.post('/plugins/servlet/upm/disable', { key });
    assert.equal(response.status, 403);
    assert.equal(await ping(), 200);
  });

  test('uninstall needs a data choice', async () => {
    const response = await browser.post('/plugins/servlet/upm/uninstall', { atl_token: await token(), key });
    assert.equal(response.status, 400);
    assert.match(response.text, /Choose whether to keep or drop/);
    assert.equal(await ping(), 200);
  });

  test('uninstall dropping data removes the tables', async () => {
    assert.equal((await request(`${host.url}/rest/${key}/1.0/greetings`, { method: 'POST', auth: admin, json: { text: 'kept?' } })).status, 201);
    assert.ok(tablesWithPrefix(host.dataDir, prefix).length > 0);
    const response = await browser.post('/plugins/servlet/upm/uninstall', { atl_token: await token(), key, data: 'drop' });
    assert.equal(response.status, 302);
    assert.equal(await ping(), 404);
    assert.deepEqual(tablesWithPrefix(host.dataDir, prefix), []);
    assert.equal(fs.existsSync(path.join(host.dataDir, 'plugins', key)), false);
    assert.doesNotMatch((await browser.get('/plugins/servlet/upm')).text, /data-key="com\.example\.greeter"/);
  });

  test('CLI installs a .tgz', async () => {
    const result = await runPluginCli(host.dataDir, 'install', archive);
    assert.equal(result.code, 0, result.stderr);
    const list = await runPluginCli(host.dataDir, 'list');
    assert.match(list.stdout, /^com\.example\.greeter\t1\.2\.0\t/m);
  });
});
