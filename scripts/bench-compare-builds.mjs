#!/usr/bin/env node
// Compares two builds of the host on the token-authenticated REST path, runs interleaved.
//
// Usage: node scripts/bench-compare-builds.mjs --before <other checkout>/host/dist/cli.js [--runs 7] [--seconds 3]
//
// Starts this checkout's host and the one given with --before, each on 127.0.0.1 with its own
// fresh data folder, a user and a token. Then autocannon calls GET /status, GET
// /rest/api/2/myself with a session cookie and with Bearer token, alternating between the two
// hosts run by run, so machine load affects both builds alike. Prints medians and the ratio of
// this build to the other. Only one host is under load at a time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminPassword = 'bench-Admin-Pa55';
const userPassword = 'bench-User-Pa55';
const { values: options } = parseArgs({
  options: { before: { type: 'string' }, runs: { type: 'string', default: '7' }, seconds: { type: 'string', default: '3' } },
});
if (!options.before) throw new Error('--before is missing: give the host/dist/cli.js of the build to compare with');

const basic = (username, password) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

async function call(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} failed with ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Starts a host from `cli`, creates the user `bench` with a token and a session; returns the scenarios. */
async function startHost(cli) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-compare-'));
  const child = spawn(process.execPath, [cli, '--product', 'jira', '--port', '0', '--listen', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, PLUGHOST_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let url;
  for (const deadline = Date.now() + 30_000; !url && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const match = /Listening on (http:\/\/\S+)/.exec(output);
    const status = match ? await fetch(`${match[1]}/status`).then((response) => response.json()).catch(() => undefined) : undefined;
    if (status?.state === 'RUNNING') url = match[1];
  }
  if (!url) throw new Error(`the host ${cli} did not reach RUNNING within 30 s:\n${output}`);

  await call(`${url}/rest/api/2/user`, {
    method: 'POST',
    headers: { authorization: basic('admin', adminPassword), 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', password: userPassword, displayName: 'Bench User', emailAddress: 'bench@example.com' }),
  });
  const token = await call(`${url}/rest/de.resolution.apitokenauth/1.0/user/tokens`, {
    method: 'POST',
    headers: { authorization: basic('bench', userPassword), 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'benchmark', validity: 'NEVER' }),
  });
  const page = await fetch(`${url}/login.jsp`);
  const cookies = page.headers.getSetCookie().map((line) => line.split(';')[0]);
  const atlToken = /name="atl_token" value="([^"]+)"/.exec(await page.text())?.[1];
  const login = await fetch(`${url}/login.jsp`, {
    method: 'POST',
    headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ os_username: 'bench', os_password: userPassword, atl_token: atlToken ?? '', os_destination: '/' }).toString(),
    redirect: 'manual',
  });
  const session = login.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('JSESSIONID='));
  if (!session) throw new Error(`logging in to ${url} failed with ${login.status}`);

  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    stop,
    scenarios: [
      { name: 'anonymous GET /status', url: `${url}/status`, headers: {} },
      { name: 'session GET /rest/api/2/myself', url: `${url}/rest/api/2/myself`, headers: { cookie: session } },
      { name: 'Bearer token GET /rest/api/2/myself', url: `${url}/rest/api/2/myself`, headers: { authorization: `Bearer ${token.rawToken}` } },
    ],
  };
}

function runOnce({ url, headers }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: 10, duration: Number(options.seconds) }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const builds = { before: await startHost(path.resolve(options.before)), after: await startHost(path.join(root, 'host', 'dist', 'cli.js')) };
try {
  const samples = new Map();
  for (const build of Object.values(builds)) await runOnce(build.scenarios[2]); // warm-up
  for (let run = 0; run < Number(options.runs); run++) {
    for (let index = 0; index < builds.after.scenarios.length; index++) {
      for (const [label, build] of Object.entries(builds)) {
        const key = `${label} ${index}`;
        samples.set(key, [...(samples.get(key) ?? []), await runOnce(build.scenarios[index])]);
      }
    }
  }
  console.log(`${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${options.runs} interleaved runs of ${options.seconds} s, medians of requests/s`);
  const baselines = { before: median(samples.get('before 0')), after: median(samples.get('after 0')) };
  builds.after.scenarios.forEach((scenario, index) => {
    const before = median(samples.get(`before ${index}`));
    const after = median(samples.get(`after ${index}`));
    console.log(
      `  ${scenario.name.padEnd(38)} before ${before.toFixed(0).padStart(6)} (${(before / baselines.before).toFixed(2)} of /status)` +
        `  after ${after.toFixed(0).padStart(6)} (${(after / baselines.after).toFixed(2)} of /status)  after/before ${(after / before).toFixed(2)}`,
    );
  });
} finally {
  await Promise.all(Object.values(builds).map((build) => build.stop()));
}
