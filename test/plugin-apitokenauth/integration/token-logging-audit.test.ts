import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createToken, createUser, eventually, myself } from '../support/token-host.js';

const loggerTag = '[d.resolution.apitokenauth.ApiTokenAuthenticationService]';

describe('token log lines and audit records (jira)', () => {
  let host: TestHost;
  let alicePassword: string;

  before(async () => {
    host = await TestHost.start();
    alicePassword = await createUser(host, 'alice');
  });
  after(async () => {
    await host.dispose();
  });

  test('INFO lines name user and endpoint, never the token', async () => {
    const level = await request(`${host.url}/rest/plughost/1.0/logging/de.resolution.apitokenauth`, {
      method: 'PUT',
      auth: adminAuth,
      json: { level: 'INFO', persistent: false },
    });
    assert.equal(level.status, 200, level.text);
    const token = await createToken(host, basic('alice', alicePassword), { description: 'logged', validity: 'P6M' });

    assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);
    assert.equal((await myself(host, basic('admin', token.rawToken))).status, 401);

    const success = await eventually(async () => host.logFile().split('\n').find((line) => line.includes('Found a matching token')), 'the success line');
    assert.ok(success.includes(loggerTag), success);
    assert.match(success, / INFO .*Found a matching token for authenticating user alice, created on \d{13}\. REST endpoint: \/rest\/api\/2\/myself$/);
    const failure = await eventually(
      async () => host.logFile().split('\n').find((line) => line.includes('User admin tried to authenticate')),
      'the failure line',
    );
    assert.match(
      failure,
      /User admin tried to authenticate with an invalid token or a regular password\. Passing the request further to the default authenticator\. REST endpoint: \/rest\/api\/2\/myself$/,
    );

    const log = host.logFile();
    assert.ok(!log.includes(token.rawToken.slice(4, 24)), 'the log contains part of the token');
    assert.ok(!log.includes(token.rawToken.slice(-20)), 'the log contains the end of the token');
  });

  test('admin creating for alice is audited with both names', async () => {
    const token = await createToken(host, adminAuth, { description: 'made by admin', validity: 'P1Y', username: 'alice' });
    assert.equal(token.username, 'alice');
    assert.equal(token.createdBy, 'admin');
    const query = `${host.url}/rest/auditing/1.0/events?categories=${encodeURIComponent('API Token Authentication')}`;
    const record = await eventually(async () => {
      const response = await request(query, { auth: adminAuth });
      return (response.body?.entities as any[] | undefined)?.find((entity) => entity.type.action === 'API token created' && entity.author.name === 'admin');
    }, 'the audit record');
    assert.equal(record.type.category, 'API Token Authentication');
    assert.equal(record.author.name, 'admin');
    assert.deepEqual(record.affectedObjects[0], { type: 'USER', name: 'alice' });
    assert.equal(record.affectedObjects[1].id, String(token.id));
    assert.ok(!JSON.stringify(record).includes(token.rawToken.slice(4)));

    const deleted = await request(`${host.url}/rest/de.resolution.apitokenauth/1.0/user/tokens?username=alice`, { method: 'DELETE', auth: adminAuth });
    assert.equal(deleted.status, 200);
    const deleteRecord = await eventually(async () => {
      const response = await request(query, { auth: adminAuth });
      return (response.body?.entities as any[] | undefined)?.find((entity) => entity.type.action === 'All API tokens of a user deleted');
    }, 'the delete-all record');
    assert.equal(deleteRecord.attributes?.count, String(deleted.body.deleted));
  });
});
