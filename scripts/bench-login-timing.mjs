#!/usr/bin/env node
// Measures whether a failed Basic login reveals that a user exists: the median time of failed
// logins for an unknown user against a known user with a wrong password, in the same run.
// Starts its own host (Jira flavour) on 127.0.0.1 with a temporary data folder; build first.
// Usage: node scripts/bench-login-timing.mjs [requests per case, default 60]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const samplesPerCase = Number(process.argv[2] ?? 60);
const warmup = 5;
const adminPassword = `bench-${Math.random().toString(36).slice(2)}-Aa1`;
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function startHost(dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'host/dist/cli.js'), '--port', '0', '--listen', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, PLUGHOST_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = /Listening on (http:\/\/\S+)/.exec(output);
    if (match) {
      try {
        const status = await (await fetch(`${match[1]}/status`)).json();
        if (status.state === 'RUNNING') return { child, url: match[1] };
      } catch {
        // not accepting yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`the host did not start within 30 s:\n${output}`);
}

async function call(url, init) {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.status;
}

async function timeFailedLogin(url, authorization) {
  const start = process.hrtime.bigint();
  const status = await call(`${url}/rest/api/2/myself`, { headers: { authorization } });
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (status !== 401) throw new Error(`expected 401 for a failed login, got ${status}`);
  return elapsedMs;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-bench-'));
const { child, url } = await startHost(dataDir);
try {
  const admin = basic('admin', adminPassword);
  const json = { 'content-type': 'application/json', authorization: admin };
  // With the maximum on, the known user would be denied without a hash after 3 failures.
  await call(`${url}/rest/plughost/1.0/settings/security`, { method: 'PUT', headers: json, body: JSON.stringify({ maxAuthenticationAttempts: 0 }) });
  const created = await call(`${url}/rest/api/2/user`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name: 'benchuser', password: 'Right-pass-123', displayName: 'Bench', emailAddress: 'bench@example.com' }),
  });
  if (created !== 201) throw new Error(`creating the benchmark user failed with status ${created}`);

  const unknown = basic('no-such-user', 'Wrong-pass-123');
  const known = basic('benchuser', 'Wrong-pass-123');
  for (let i = 0; i < warmup; i += 1) {
    await timeFailedLogin(url, unknown);
    await timeFailedLogin(url, known);
  }
  const unknownTimes = [];
  const knownTimes = [];
  // Alternate the cases so drift in machine load affects both alike.
  for (let i = 0; i < samplesPerCase; i += 1) {
    unknownTimes.push(await timeFailedLogin(url, unknown));
    knownTimes.push(await timeFailedLogin(url, known));
  }
  const unknownMedian = median(unknownTimes);
  const knownMedian = median(knownTimes);
  console.log(`failed Basic logins, ${samplesPerCase} each, sequential, after ${warmup} warm-up rounds`);
  console.log(`unknown user:                median ${unknownMedian.toFixed(1)} ms`);
  console.log(`known user, wrong password:  median ${knownMedian.toFixed(1)} ms`);
  console.log(`ratio unknown / known:       ${(unknownMedian / knownMedian).toFixed(3)}`);
} finally {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
