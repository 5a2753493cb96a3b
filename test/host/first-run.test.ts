import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { PageClient } from '../support/session.js';
import { cliPath, TestHost } from '../support/test-host.js';

const run = promisify(execFile);
const printedPassword = /Created the user admin with the password: (\S+)/;

describe('first run without PLUGHOST_ADMIN_PASSWORD', () => {
  let host: TestHost | undefined;
  after(async () => {
    await host?.dispose();
  });

  test('printed password works and is kept in a 0600 file', async () => {
    host = await TestHost.start({ adminPassword: null });
    const match = printedPassword.exec(host.printed);
    assert.ok(match, `no password printed:\n${host.printed}`);
    const password = match[1]!;
    assert.ok(password.length >= 12);

    const file = path.join(host.dataDir, 'initial-admin-password');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(host.dataDir, 'plughost.db')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(host.dataDir, 'plughost.db-wal')).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8').trim(), password);
    assert.ok(!host.logFile().includes(password), 'host.log does not contain the password');

    const basicAuth = await request(`${host.url}/rest/api/2/myself`, { auth: basic('admin', password) });
    assert.equal(basicAuth.status, 200);
    assert.equal(basicAuth.body.name, 'admin');
    const client = new PageClient(host.url);
    assert.equal(await client.login('/login.jsp', 'admin', password), 302);
    assert.equal((await client.rest('/rest/api/2/myself')).body.name, 'admin');

    assert.equal(await host.stop(), 0);
    const restarted = await TestHost.start({ adminPassword: null, dataDir: host.dataDir });
    host = restarted;
    assert.doesNotMatch(restarted.printed, printedPassword);
    assert.equal(fs.readFileSync(file, 'utf8').trim(), password);
    assert.equal((await request(`${restarted.url}/rest/api/2/myself`, { auth: basic('admin', password) })).status, 200);
  });
});

describe('command line', () => {
  test('--help lists the options', async () => {
    const { stdout } = await run(process.execPath, [cliPath, '--help']);
    for (const option of ['--port', 'PLUGHOST_PORT', '--listen', 'PLUGHOST_LISTEN', '--data-dir', 'PLUGHOST_DATA_DIR', '--product', 'PLUGHOST_PRODUCT', '--base-url', 'PLUGHOST_BASE_URL', 'PLUGHOST_ADMIN_PASSWORD']) {
      assert.ok(stdout.includes(option), `help lacks ${option}`);
    }
  });

  test('unknown option exits 2 with a hint', async () => {
    await assert.rejects(run(process.execPath, [cliPath, '--no-such-option']), (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr ?? '', /--help/);
      return true;
    });
  });
});
