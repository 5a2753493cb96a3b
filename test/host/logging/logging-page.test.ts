import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';
import { grantWebSudo } from '../../support/websudo.js';

const admin = basic('admin', adminPassword);

/** Timestamp with milliseconds and zone, worker, level, user, request id, session hash, address, path, logger, message. */
function layoutPattern(level: string, user: string, path: string, logger: string, message: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}[+-]\\d{4} http-worker-\\d+ ${level} ${escape(user)} \\d+x\\d+x\\d+ [0-9a-f]{6} 127\\.0\\.0\\.1 ${escape(path)} \\[${escape(logger)}\\] ${escape(message)}$`,
    'm',
  );
}

async function writeLine(host: TestHost, client: PageClient, logger: string, level: string, message: string) {
  const response = await client.rest('/rest/plughost/1.0/test/log', { method: 'POST', json: { logger, level, message } });
  assert.equal(response.status, 200, response.text);
  return response.body as { written: boolean };
}

async function setLevelOnPage(client: PageClient, name: string, level: string, persistent: boolean) {
  const page = await client.get('/secure/admin/ViewLogging.jspa');
  assert.equal(page.status, 200);
  const fields: Record<string, string> = { atl_token: PageClient.tokenOf(page.text), name, level };
  if (persistent) fields.persistent = 'on';
  return client.post('/secure/admin/ViewLogging.jspa', fields);
}

describe('logging levels (jira)', () => {
  let host: TestHost;
  let client: PageClient;

  before(async () => {
    host = await TestHost.start();
    client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'jira', adminPassword);
  });
  after(async () => {
    await host.dispose();
  });

  test('plugin package logs at WARN by default', async () => {
    const result = await writeLine(host, client, 'de.resolution.apitokenauth.TokenStore', 'INFO', 'default-level-marker');
    assert.equal(result.written, false);
    assert.doesNotMatch(host.logFile(), /default-level-marker/);
  });

  test('INFO set on the page shows in host.log in the layout', async () => {
    const response = await setLevelOnPage(client, 'de.resolution.apitokenauth', 'INFO', false);
    assert.equal(response.status, 303);
    const page = await client.get('/secure/admin/ViewLogging.jspa');
    assert.match(page.text, /data-logger="de\.resolution\.apitokenauth"/);

    await writeLine(host, client, 'de.resolution.apitokenauth.ApiTokenAuthenticationService', 'INFO', 'info-marker-1');
    await writeLine(host, client, 'de.resolution.apitokenauth.ApiTokenAuthenticationService', 'DEBUG', 'debug-marker-1');
    const log = host.logFile();
    assert.match(
      log,
      layoutPattern('INFO', 'admin', '/rest/plughost/1.0/test/log', 'd.resolution.apitokenauth.ApiTokenAuthenticationService', 'info-marker-1'),
    );
    assert.doesNotMatch(log, /debug-marker-1/);
  });

  test('persistent level survives a restart, the other does not', async () => {
    assert.equal((await setLevelOnPage(client, 'com.example.kept', 'DEBUG', true)).status, 303);
    await host.stop();
    host = await TestHost.start({ dataDir: host.dataDir });
    client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'jira', adminPassword);

    const listed = await request(`${host.url}/rest/plughost/1.0/logging`, { auth: admin });
    assert.equal(listed.status, 200);
    const loggers = listed.body.loggers as Array<{ name: string; level: string; persistent: boolean }>;
    assert.equal(loggers.find((logger) => logger.name === 'de.resolution.apitokenauth'), undefined);
    assert.deepEqual(loggers.find((logger) => logger.name === 'com.example.kept'), { name: 'com.example.kept', level: 'DEBUG', persistent: true });

    const result = await writeLine(host, client, 'de.resolution.apitokenauth.ApiTokenAuthenticationService', 'INFO', 'after-restart-marker');
    assert.equal(result.written, false);
    assert.doesNotMatch(host.logFile(), /after-restart-marker/);
    assert.equal((await writeLine(host, client, 'com.example.kept.Child', 'DEBUG', 'kept-marker')).written, true);
  });

  test('REST PUT sets a level for the next call', async () => {
    const put = await request(`${host.url}/rest/plughost/1.0/logging/com.example.rest`, { method: 'PUT', auth: admin, json: { level: 'trace' } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { name: 'com.example.rest', level: 'TRACE', persistent: false });
    assert.equal((await writeLine(host, client, 'com.example.rest.A', 'TRACE', 'trace-marker')).written, true);
    assert.match(host.logFile(), / TRACE admin .*\[c\.example\.rest\.A\] trace-marker$/m);

    const off = await request(`${host.url}/rest/plughost/1.0/logging/com.example.rest`, { method: 'PUT', auth: admin, json: { level: 'OFF' } });
    assert.equal(off.status, 200);
    assert.equal((await writeLine(host, client, 'com.example.rest.A', 'FATAL', 'off-marker')).written, false);
  });

  test('root level is changed as root', async () => {
    const put = await request(`${host.url}/rest/plughost/1.0/logging/root`, { method: 'PUT', auth: admin, json: { level: 'ERROR' } });
    assert.equal(put.status, 200);
    assert.equal((await writeLine(host, client, 'org.unconfigured.Thing', 'WARN', 'root-marker')).written, false);
    await request(`${host.url}/rest/plughost/1.0/logging/root`, { method: 'PUT', auth: admin, json: { level: 'WARN' } });
  });

  for (const [label, name, body, field] of [
    ['invalid name', 'de..resolution', { level: 'INFO' }, 'name'],
    ['name with a space', 'de resolution', { level: 'INFO' }, 'name'],
    ['unknown level', 'com.example', { level: 'LOUD' }, 'level'],
    ['missing level', 'com.example', {}, 'level'],
    ['persistent not boolean', 'com.example', { level: 'INFO', persistent: 'yes' }, 'persistent'],
  ] as const) {
    test(`REST PUT with ${label} is 400`, async () => {
      const response = await request(`${host.url}/rest/plughost/1.0/logging/${encodeURIComponent(name)}`, { method: 'PUT', auth: admin, json: body });
      assert.equal(response.status, 400);
      assert.ok(response.body.errors[field], JSON.stringify(response.body));
      assert.ok(response.body.errorMessages[0].length > 0);
    });
  }

  test('REST needs an administrator', async () => {
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      json: { name: 'plain', password: 'plain-Pa55word', displayName: 'Plain User', emailAddress: 'plain@example.com' },
    });
    assert.equal(created.status, 201);
    assert.equal((await request(`${host.url}/rest/plughost/1.0/logging`)).status, 401);
    assert.equal((await request(`${host.url}/rest/plughost/1.0/logging`, { auth: basic('plain', 'plain-Pa55word') })).status, 403);
    const put = await request(`${host.url}/rest/plughost/1.0/logging/com.example`, { method: 'PUT', auth: basic('plain', 'plain-Pa55word'), json: { level: 'INFO' } });
    assert.equal(put.status, 403);
    const testLog = await request(`${host.url}/rest/plughost/1.0/test/log`, { method: 'POST', auth: basic('plain', 'plain-Pa55word'), json: { logger: 'a', level: 'WARN', message: 'x' } });
    assert.equal(testLog.status, 403);
  });

  test('page rejects an invalid name with a message', async () => {
    const response = await setLevelOnPage(client, 'not a package!', 'INFO', false);
    assert.equal(response.status, 400);
    assert.match(response.text, /id="logging-error">The logger name &#x27;not a package!&#x27; is invalid\. Use dotted parts/);
  });

  test('page error escapes the invalid name', async () => {
    const response = await setLevelOnPage(client, '<b>bad</b>', 'INFO', false);
    assert.equal(response.status, 400);
    assert.match(response.text, /The logger name &#x27;&lt;b&gt;bad&lt;\/b&gt;&#x27; is invalid/);
    assert.doesNotMatch(response.text, /<b>bad<\/b>/);
  });

  test('page POST without atl_token changes nothing', async () => {
    const response = await client.post('/secure/admin/ViewLogging.jspa', { name: 'com.example.xsrf', level: 'DEBUG' });
    assert.equal(response.status, 403);
    const listed = await request(`${host.url}/rest/plughost/1.0/logging`, { auth: admin });
    assert.equal(listed.body.loggers.some((logger: { name: string }) => logger.name === 'com.example.xsrf'), false);
  });

  test('level change is audited', async () => {
    const response = await request(`${host.url}/rest/auditing/1.0/events?categories=Logging&search=com.example.rest`, { auth: admin });
    assert.equal(response.status, 200);
    const record = response.body.entities.find((entity: any) => entity.changedValues.some((change: any) => change.to === 'OFF'));
    assert.ok(record, JSON.stringify(response.body.entities));
    assert.deepEqual(record.affectedObjects, [{ type: 'LOGGER', name: 'com.example.rest' }]);
    assert.deepEqual(record.changedValues, [{ key: 'level', from: 'TRACE', to: 'OFF' }]);
  });

  test('system admin section links both pages', async () => {
    const page = await client.get('/secure/admin');
    assert.match(page.text, /id="logging" href="[^"]*\/secure\/admin\/ViewLogging\.jspa"/);
    assert.match(page.text, /id="audit_log" href="[^"]*\/auditing\/view"/);
  });
});

describe('logging page (confluence)', () => {
  let host: TestHost;
  before(async () => {
    host = await TestHost.start({ product: 'confluence' });
  });
  after(async () => {
    await host.dispose();
  });

  test('page is at the Confluence path', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.action', 'admin', adminPassword), 302);
    await grantWebSudo(client, 'confluence', adminPassword);
    const page = await client.get('/admin/viewlog4j.action');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Logging<\/h1>/);
    const audit = await client.get('/admin/auditlogging.action');
    assert.equal(audit.status, 200);
    assert.match(audit.text, /<h1>Audit log<\/h1>/);
  });

  test('anonymous browser is sent to the login page', async () => {
    const response = await new PageClient(host.url).get('/admin/viewlog4j.action');
    assert.equal(response.status, 302);
    assert.match(response.headers.get('location') ?? '', /\/login\.action\?os_destination=/);
  });
});
