import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adminPassword, TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { PageClient } from '../../support/session.js';

const admin = basic('admin', adminPassword);
const victimPassword = 'Victim-Create-Secret-2';

describe('secrets in logs and audit records', () => {
  let host: TestHost;
  /** Every secret value sent to the host, with a label for the failure message. */
  const secrets = new Map<string, string>();
  let auditText = '';
  let log = '';
  let database = '';

  function secret(label: string, value: string): string {
    secrets.set(value, label);
    return value;
  }

  function authorization(label: string, value: string): string {
    secret(`${label} (header value)`, value);
    const credentials = value.replace(/^\S+\s+/, '');
    if (credentials !== value && credentials.length >= 4) secret(`${label} (credentials)`, credentials);
    return value;
  }

  before(async () => {
    host = await TestHost.start();
    for (const name of ['root', 'com.plughost']) {
      const response = await request(`${host.url}/rest/plughost/1.0/logging/${name}`, { method: 'PUT', auth: admin, json: { level: 'TRACE' } });
      assert.equal(response.status, 200, response.text);
    }
    secret('admin password', adminPassword);
    secret('admin password, form-encoded', new URLSearchParams({ p: adminPassword }).toString().slice(2));
    authorization('admin Basic', admin);

    // User creation with a password, through REST.
    const created = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      json: { name: 'victim', password: secret('new user password', victimPassword), displayName: 'Victim', emailAddress: 'victim@example.com' },
    });
    assert.equal(created.status, 201);

    // Basic success and failures; the fourth failure is denied by the failed-login limit.
    assert.equal((await request(`${host.url}/rest/api/2/myself`, { auth: authorization('victim Basic', basic('victim', victimPassword)) })).status, 200);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const response = await request(`${host.url}/rest/api/2/myself`, { auth: authorization(`wrong Basic ${attempt}`, basic('victim', `Wrong-Basic-Secret-${attempt}`)) });
      assert.ok(response.status === 401 || response.status === 403, String(response.status));
    }
    secrets.set('Wrong-Basic-Secret-1', 'wrong Basic password');

    // Malformed and unsupported Authorization headers.
    for (const value of [
      'Basic Malformed!Secret!4',
      `Basic ${Buffer.from('no-colon-Secret-5').toString('base64')}`,
      `Basic ${Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(':Invalid-Utf8-Secret-6')]).toString('base64')}`,
      'Bearer Bearer-Secret-7-abcdefghijkl',
      'Negotiate Negotiate-Secret-8',
      'Secret-Without-Scheme-9',
    ]) {
      const response = await request(`${host.url}/rest/api/2/myself`, { auth: authorization('malformed Authorization', value) });
      assert.equal(response.status, 401, value);
    }

    // Login form: a failure and a success whose session is then used.
    const failed = new PageClient(host.url);
    assert.equal(await failed.login('/login.jsp', 'admin', secret('wrong form password', 'Form-Wrong-Secret-10')), 401);
    const browser = new PageClient(host.url);
    assert.equal(await browser.login('/login.jsp', 'admin', adminPassword), 302);
    secret('session id', browser.cookie('JSESSIONID')!);
    assert.equal((await browser.rest('/rest/api/2/myself')).status, 200);
    assert.equal((await browser.get('/auditing/view')).status, 200);

    // Malformed JSON that contains a password.
    const malformed = await request(`${host.url}/rest/api/2/user`, {
      method: 'POST',
      auth: admin,
      headers: { 'content-type': 'application/json' },
      body: `{"name":"x","password":"${secret('password in malformed JSON', 'Json-Secret-11')}"`,
    });
    assert.equal(malformed.status, 400);

    // A call site that puts secrets into a message: the logger must still remove them.
    const written = await request(`${host.url}/rest/plughost/1.0/test/log`, {
      method: 'POST',
      auth: admin,
      json: {
        logger: 'com.example.Careless',
        level: 'TRACE',
        message: `password=${secret('password in a message', 'Message-Secret-12')} Authorization: ${authorization('header in a message', 'Basic TWVzc2FnZS1TZWNyZXQtMTM=')}`,
      },
    });
    assert.equal(written.status, 200);
    assert.equal(written.body.written, true);

    const records = await request(`${host.url}/rest/auditing/1.0/events?limit=1000`, { auth: admin });
    assert.equal(records.status, 200);
    auditText = records.text;

    await host.stop();
    log = host.logFile();
    database = ['plughost.db', 'plughost.db-wal']
      .map((file) => path.join(host.dataDir, file))
      .filter((file) => fs.existsSync(file))
      .map((file) => fs.readFileSync(file).toString('latin1') + fs.readFileSync(file).toString('utf8'))
      .join('\n');
  });

  after(async () => {
    await host.dispose();
  });

  test('log was written at TRACE and DEBUG', () => {
    assert.match(log, / DEBUG admin .* \[c\.plughost\.host\.request\] GET \/rest\/api\/2\/myself 200/);
    assert.match(log, / TRACE admin .* \[com\.example\.Careless\] password=\*\*\*\*/);
    assert.match(log, /failed password authentication/);
    assert.match(log, /malformed Authorization header/);
  });

  test('host.log contains no secret', () => {
    for (const [value, label] of secrets) {
      assert.equal(log.includes(value), false, `host.log contains the ${label}`);
    }
  });

  test('audit records contain no secret', () => {
    assert.match(auditText, /User created/);
    for (const [value, label] of secrets) {
      assert.equal(auditText.includes(value), false, `the audit records contain the ${label}`);
    }
  });

  test('database file contains no secret', () => {
    assert.ok(database.length > 0);
    for (const [value, label] of secrets) {
      assert.equal(database.includes(value), false, `the database contains the ${label}`);
    }
  });
});
