import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { basic, request } from '../support/http.js';
import { eventually, runPluginCli } from '../support/plugin-cli.js';
import { PageClient } from '../support/session.js';
import { adminPassword, repoRoot, TestHost } from '../support/test-host.js';

const admin = basic('admin', adminPassword);

/** The files of the README's example plugin: each fenced block after a `<!-- file: path -->` line. */
function readmeFiles(): Map<string, string> {
  const readme = fs.readFileSync(path.join(repoRoot, 'sdk', 'README.md'), 'utf8');
  const files = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) files.set(match[1]!, `${match[2]!}\n`);
  return files;
}

describe('SDK README example plugin', () => {
  let folder: string;
  let host: TestHost;
  const base = () => `${host.url}/rest/com.example.hello/1.0`;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-readme-'));
    for (const [file, text] of readmeFiles()) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), text);
    }
    // What `npm install /path/to/plughost/sdk` and the devDependencies leave in node_modules,
    // linked from this workspace because tests run without a registry.
    fs.mkdirSync(path.join(folder, 'node_modules', '@plughost'), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'sdk'), path.join(folder, 'node_modules', '@plughost', 'sdk'), 'dir');
    fs.symlinkSync(path.join(repoRoot, 'node_modules', '@types'), path.join(folder, 'node_modules', '@types'), 'dir');
    host = await TestHost.start();
  });
  after(async () => {
    await host.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('README contains the plugin files', () => {
    assert.deepEqual([...readmeFiles().keys()].sort(), ['package.json', 'src/index.ts', 'tsconfig.json']);
  });

  test('example compiles with tsc', () => {
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', folder], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.ok(fs.existsSync(path.join(folder, 'dist', 'index.js')));
  });

  test('example installs and serves its REST resource', async () => {
    const result = await runPluginCli(host.dataDir, 'install', folder);
    assert.equal(result.code, 0, result.stderr);
    const listed = await eventually(async () => {
      const response = await request(`${base()}/greetings`);
      return response.status === 200 ? response : undefined;
    }, 'the example REST resource');
    assert.deepEqual(listed.body, { greetings: [] });

    const created = await request(`${base()}/greetings`, { method: 'POST', auth: admin, json: { text: 'Hi there' } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { greetings: [{ id: 1, text: 'Hi there', author: 'admin' }] });
    const invalid = await request(`${base()}/greetings`, { method: 'POST', auth: admin, json: { text: '' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.errors, { text: 'must be 1 to 200 characters' });
  });

  test('example authenticator uses its setting', async () => {
    const secret = 'a-long-shared-secret-value';
    const before = await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(before.status, 401);
    const saved = await request(`${base()}/service-account`, { method: 'PUT', auth: admin, json: { username: 'admin', secret } });
    assert.equal(saved.status, 204);
    const after = await request(`${host.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(after.status, 200);
    assert.equal(after.body.name, 'admin');
  });

  test('example page adds a greeting through its form', async () => {
    const browser = new PageClient(host.url);
    await browser.login('/login.jsp', 'admin', adminPassword);
    const page = await browser.get('/plugins/servlet/hello');
    assert.equal(page.status, 200);
    assert.match(page.text, /id="hello-menu-item"/);
    const posted = await browser.post('/plugins/servlet/hello', { atl_token: PageClient.tokenOf(page.text), text: '<b>bold</b>' });
    assert.equal(posted.status, 302);
    const after = await browser.get('/plugins/servlet/hello');
    assert.match(after.text, /<li>&lt;b&gt;bold&lt;\/b&gt; \(admin\)<\/li>/);
  });
});
