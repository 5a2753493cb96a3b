import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createHostLogging } from '@plughost/host/internal/logging/logger-factory';
import { runWithRequestContext, type RequestContext } from '@plughost/host/internal/server/request-context';

const dataDirs: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-logging-'));
  dataDirs.push(dir);
  return dir;
}

function requestContext(secrets: string[]): RequestContext {
  return {
    requestId: '445x4051x1',
    worker: 'http-worker-4',
    path: '/rest/api/2/myself',
    method: 'GET',
    remoteAddress: '203.0.113.7',
    username: 'alice',
    sessionHash: '1x2y3z',
    channel: 'REST',
    secrets,
  };
}

describe('host logging', () => {
  after(() => {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('lines carry the request fields', async () => {
    const dataDir = tempDataDir();
    const logging = createHostLogging({ dataDir, console: false, clock: () => new Date() });
    logging.levels.set('de.resolution.apitokenauth', 'INFO');
    runWithRequestContext(requestContext([]), () => logging.loggers.getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService').info('token accepted'));
    await logging.close();
    assert.match(
      fs.readFileSync(logging.logFile, 'utf8'),
      / http-worker-4 INFO alice 445x4051x1 1x2y3z 203\.0\.113\.7 \/rest\/api\/2\/myself \[d\.resolution\.apitokenauth\.ApiTokenAuthenticationService\] token accepted\n/,
    );
  });

  test('request secrets are removed from every line', async () => {
    const dataDir = tempDataDir();
    const logging = createHostLogging({ dataDir, console: false, clock: () => new Date() });
    logging.levels.set('', 'TRACE');
    const log = logging.loggers.getLogger('com.example.Careless');
    runWithRequestContext(requestContext(['Plain-Secret-Value']), () => {
      log.trace('value Plain-Secret-Value in a message');
      log.error('failure', new Error('the error quotes Plain-Secret-Value'));
    });
    await logging.close();
    const text = fs.readFileSync(logging.logFile, 'utf8');
    assert.doesNotMatch(text, /Plain-Secret-Value/);
    assert.match(text, /value \*\*\*\* in a message/);
    assert.match(text, /the error quotes \*\*\*\*/);
  });

  test('line breaks in a message are escaped', async () => {
    const dataDir = tempDataDir();
    const logging = createHostLogging({ dataDir, console: false, clock: () => new Date() });
    logging.loggers.getLogger('com.plughost.host').warn('user x\n2026-12-04 07:25:04,213+0000 main INFO forged');
    await logging.close();
    const lines = fs.readFileSync(logging.logFile, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /user x\\n2026/);
  });

  test('level change applies to the next call', async () => {
    const dataDir = tempDataDir();
    const logging = createHostLogging({ dataDir, console: false, clock: () => new Date() });
    const log = logging.loggers.getLogger('de.resolution.apitokenauth.Service');
    assert.equal(log.isEnabled('WARN'), true);
    assert.equal(log.isEnabled('INFO'), false);
    log.info('before-change');
    logging.levels.set('de.resolution', 'INFO');
    log.info('after-change');
    await logging.close();
    const text = fs.readFileSync(logging.logFile, 'utf8');
    assert.doesNotMatch(text, /before-change/);
    assert.match(text, /after-change/);
  });

  test('host.log rotates by size', async () => {
    const dataDir = tempDataDir();
    const logging = createHostLogging({ dataDir, console: false, clock: () => new Date(), maxFileBytes: 4096 });
    const log = logging.loggers.getLogger('com.plughost.host');
    for (let index = 0; index < 200; index += 1) log.info(`line ${index} ${'x'.repeat(80)}`);
    await logging.close();

    const logDir = path.join(dataDir, 'log');
    const expected = ['host.log', 'host.log.1', 'host.log.2', 'host.log.3', 'host.log.4', 'host.log.5'];
    assert.deepEqual(fs.readdirSync(logDir).sort(), expected);
    for (const file of expected) {
      assert.ok(fs.statSync(path.join(logDir, file)).size <= 4096, `${file} exceeds the rotation size`);
    }
    // Oldest file first, the kept lines are one unbroken run that ends with the last line written.
    const keptLineNumbers = [...expected]
      .reverse()
      .flatMap((file) => fs.readFileSync(path.join(logDir, file), 'utf8').trimEnd().split('\n'))
      .map((line) => Number(/ line (\d+) /.exec(line)?.[1]));
    assert.equal(keptLineNumbers.at(-1), 199);
    keptLineNumbers.forEach((number, index) => assert.equal(number, keptLineNumbers[0]! + index, `line ${index} of the kept lines`));
  });
});
