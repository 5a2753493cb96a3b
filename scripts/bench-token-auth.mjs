#!/usr/bin/env node
// Measures token-authenticated REST throughput against the cheapest route of the same host.
//
// Usage: npm run build && node scripts/bench-token-auth.mjs [--runs 5] [--seconds 3] [--connections 10]
//
// Starts the Jira flavour on 127.0.0.1 with a fresh data folder and creates a user and a token.
// Then autocannon calls GET /status (anonymous, the baseline) and GET /rest/api/2/myself three
// ways: with a session cookie (the same route without the token check), with Basic
// user:token, and with Bearer token. It does this with 1,000 and with 1,000,000 rows
// in the plugin's token table (inserted directly with better-sqlite3 in one transaction) and
// prints the median requests per second of several short runs and the ratio to /status.
// Last, with the 1,000,000 tokens still stored, it sets 10,000 IP restriction entries (9,999
// addresses and ranges in 10.0.0.0/8 plus 127.0.0.1, so the benchmark's own calls stay allowed)
// and compares the token calls with and without them.
// Load generator and host share the machine, so ratios are more telling than absolute numbers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'host', 'dist', 'cli.js');
const adminPassword = 'bench-Admin-Pa55';
const userPassword = 'bench-User-Pa55';
const tokenCounts = [1_000, 1_000_000];

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
  },
});
const runs = Number(options.runs);
const seconds = Number(options.seconds);
const connections = Number(options.connections);

/** Starts the host and resolves with its URL once /status reports RUNNING. */
async function startHost(dataDir) {
  const child = spawn(process.execPath, [cli, '--product', 'jira', '--port', '0', '--listen', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, PLUGHOST_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the host exited with ${child.exitCode}:\n${output}`);
    const match = /Listening on (http:\/\/\S+)/.exec(output);
    if (match) {
      const status = await fetch(`${match[1]}/status`).then((response) => response.json()).catch(() => undefined);
      if (status?.state === 'RUNNING') return { child, url: match[1] };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`the host did not reach RUNNING within 30 s:\n${output}`);
}

function basic(username, password) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function call(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} failed with ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates the user `bench` and a token for it; returns the raw token. */
async function createUserAndToken(url) {
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
  return token.rawToken;
}

/** Logs in `bench` through the login form and returns the session cookie header. */
async function logIn(url) {
  const cookies = new Map();
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const page = await fetch(`${url}/login.jsp`);
  keep(page);
  const atlToken = /name="atl_token" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!atlToken) throw new Error('the login page has no atl_token field');
  const form = new URLSearchParams({ os_username: 'bench', os_password: userPassword, atl_token: atlToken, os_destination: '/' });
  const response = await fetch(`${url}/login.jsp`, {
    method: 'POST',
    headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  keep(response);
  if (!cookies.has('JSESSIONID')) throw new Error(`logging in failed with ${response.status}`);
  return cookieHeader();
}

/** Fills the plugin's token table up to `total` rows with random digests of other owners. */
function fillTokenTable(dataDir, total) {
  const database = new Database(path.join(dataDir, 'plughost.db'));
  database.pragma('busy_timeout = 10000');
  try {
    const table = database
      .prepare("select name from sqlite_master where type = 'table' and name like 'AO\\_%\\_TOKEN' escape '\\'")
      .get()?.name;
    if (!table) throw new Error('the plugin token table AO_<hash>_TOKEN was not found; is the plugin enabled?');
    const existing = database.prepare(`select count(*) as count from "${table}"`).get().count;
    const insert = database.prepare(
      `insert into "${table}" (digest, username, description, created_at, expires_at, created_by) values (?, ?, ?, ?, null, ?)`,
    );
    const now = Date.now();
    database.transaction(() => {
      for (let index = existing; index < total; index++) {
        const owner = `user${index % 10_000}`;
        insert.run(randomBytes(32).toString('hex'), owner, `bench token ${index}`, now, owner);
      }
    })();
    return { table, rows: database.prepare(`select count(*) as count from "${table}"`).get().count };
  } finally {
    database.close();
  }
}

/**
 * Times the plugin's digest lookup alone in SQLite, outside HTTP: the same SELECT by digest on
 * the host database file, for stored and for unknown digests. Returns microseconds per lookup.
 */
function timeDigestLookups(dataDir, table, lookups = 20_000) {
  const database = new Database(path.join(dataDir, 'plughost.db'), { readonly: true });
  try {
    const select = database.prepare(`select * from "${table}" where digest = ?`);
    const stored = database.prepare(`select digest from "${table}" order by random() limit 1000`).all().map((row) => row.digest);
    const unknown = Array.from({ length: 1000 }, () => randomBytes(32).toString('hex'));
    const time = (digests) => {
      const started = process.hrtime.bigint();
      for (let index = 0; index < lookups; index++) select.get(digests[index % digests.length]);
      return Number(process.hrtime.bigint() - started) / 1000 / lookups;
    };
    time(stored);
    return { stored: time(stored), unknown: time(unknown) };
  } finally {
    database.close();
  }
}

/**
 * Returns `count` IP restriction entries: `count - 1` seeded random addresses and 17-address
 * ranges in 10.0.0.0/8 (alternating), then 127.0.0.1, the address the benchmark calls from.
 */
function ipRestrictionEntries(count) {
  let seed = 42;
  const random = () => {
    // mulberry32, so every run configures the same entries
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const ipv4 = (value) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
  const entries = [];
  for (let index = 0; index < count - 1; index++) {
    const first = 0x0a000000 + Math.floor(random() * (2 ** 24 - 17));
    entries.push(index % 2 === 0 ? ipv4(first) : `${ipv4(first)}-${ipv4(first + 16)}`);
  }
  entries.push('127.0.0.1');
  return entries;
}

/** Replaces the plugin's IP restrictions through its admin REST resource, keeping the other settings. */
async function setIpRestrictions(url, entries) {
  const settingsUrl = `${url}/rest/de.resolution.apitokenauth/1.0/admin/settings`;
  const authorization = basic('admin', adminPassword);
  const settings = await call(settingsUrl, { headers: { authorization } });
  await call(settingsUrl, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ ...settings, ipRestrictions: entries }),
  });
}

function runOnce(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections, duration: seconds, pipelining: 1 }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every scenario `runs` times, interleaved so drift affects all alike; returns medians. A
 * scenario's optional `prepare` runs before each of its runs, for example to change settings.
 */
async function measure(scenarios) {
  const samples = new Map(scenarios.map((scenario) => [scenario.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const scenario of scenarios) {
      await scenario.prepare?.();
      samples.get(scenario.name).push(await runOnce(scenario.url, scenario.headers));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-bench-'));
const { child, url } = await startHost(dataDir);
try {
  const token = await createUserAndToken(url);
  const sessionCookie = await logIn(url);
  const scenarios = [
    { name: 'anonymous GET /status', url: `${url}/status`, headers: {} },
    { name: 'session GET /rest/api/2/myself', url: `${url}/rest/api/2/myself`, headers: { cookie: sessionCookie } },
    { name: 'Basic token GET /rest/api/2/myself', url: `${url}/rest/api/2/myself`, headers: { authorization: basic('bench', token) } },
    { name: 'Bearer token GET /rest/api/2/myself', url: `${url}/rest/api/2/myself`, headers: { authorization: `Bearer ${token}` } },
  ];
  console.log(`machine: ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(`autocannon: ${connections} connections, ${runs} runs of ${seconds} s per scenario, medians of requests/s`);
  for (const count of tokenCounts) {
    const started = Date.now();
    const { table, rows } = fillTokenTable(dataDir, count);
    console.log(`\n${rows.toLocaleString('en')} tokens in ${table} (filled in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const lookup = timeDigestLookups(dataDir, table);
    console.log(`  SQLite lookup by digest alone: ${lookup.stored.toFixed(1)} µs stored, ${lookup.unknown.toFixed(1)} µs unknown`);
    await runOnce(scenarios[2].url, scenarios[2].headers); // warm-up
    const medians = await measure(scenarios);
    const baseline = medians.get(scenarios[0].name);
    for (const scenario of scenarios) {
      const value = medians.get(scenario.name);
      const sessionRatio = value / medians.get(scenarios[1].name);
      console.log(
        `  ${scenario.name.padEnd(38)} ${value.toFixed(0).padStart(8)} req/s  ratio to /status ${(value / baseline).toFixed(2)}  to session ${sessionRatio.toFixed(2)}`,
      );
    }
  }

  const restrictionCount = 10_000;
  const entries = ipRestrictionEntries(restrictionCount);
  const restrictions = (list) => () => setIpRestrictions(url, list);
  const tokenScenarios = scenarios.slice(2).flatMap((scenario) => [
    { ...scenario, name: `${scenario.name}, no IP restrictions`, prepare: restrictions([]) },
    { ...scenario, name: `${scenario.name}, ${restrictionCount.toLocaleString('en')} IP restrictions`, prepare: restrictions(entries) },
  ]);
  console.log(`\n${restrictionCount.toLocaleString('en')} IP restriction entries (127.0.0.1 allowed) against none, 1,000,000 tokens`);
  await setIpRestrictions(url, entries);
  await runOnce(scenarios[3].url, scenarios[3].headers); // warm-up
  const restrictionMedians = await measure(tokenScenarios);
  for (let index = 0; index < tokenScenarios.length; index += 2) {
    const without = restrictionMedians.get(tokenScenarios[index].name);
    const withEntries = restrictionMedians.get(tokenScenarios[index + 1].name);
    console.log(`  ${tokenScenarios[index].name.padEnd(58)} ${without.toFixed(0).padStart(8)} req/s`);
    console.log(`  ${tokenScenarios[index + 1].name.padEnd(58)} ${withEntries.toFixed(0).padStart(8)} req/s  ratio to none ${(withEntries / without).toFixed(2)}`);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
