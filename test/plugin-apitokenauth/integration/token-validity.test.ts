import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createToken, createUser, myself, restBase } from '../support/token-host.js';

// The 15th of a month, so adding months never meets a shorter month's end.
const creationTime = Date.parse('2027-01-15T10:00:00.000Z');
const margin = 5_000;

describe('maximum validity on existing tokens (jira)', () => {
  let host: TestHost;
  let aliceAuth: string;

  before(async () => {
    host = await TestHost.start();
    aliceAuth = basic('alice', await createUser(host, 'alice'));
  });
  after(async () => {
    await host.dispose();
  });

  /** Moves the host clock so that it reads `instant` now. */
  const setHostTime = (instant: number) => host.setClockOffset(instant - Date.now());

  async function saveMaxValidity(maxValidity: string) {
    const current = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
    const saved = await request(`${host.url}${restBase}/admin/settings`, { method: 'PUT', auth: adminAuth, json: { ...current.body, maxValidity } });
    assert.equal(saved.status, 200, saved.text);
  }

  async function listedExpiry(id: number): Promise<string | null> {
    const list = await request(`${host.url}${restBase}/user/tokens`, { auth: aliceAuth });
    const token = (list.body as Array<{ id: number; expiresAt: string | null }>).find((entry) => entry.id === id);
    assert.ok(token, `token ${id} is not listed`);
    return token.expiresAt;
  }

  test('lowered maximum expires a never token', async () => {
    await setHostTime(creationTime);
    const token = await createToken(host, aliceAuth, { description: 'created under never', validity: 'NEVER' });
    assert.equal(token.expiresAt, null);
    const createdAt = Date.parse(token.createdAt);
    assert.ok(Math.abs(createdAt - creationTime) < margin, 'the host clock did not move');

    await saveMaxValidity('P6M');
    try {
      const expected = new Date(createdAt);
      expected.setUTCMonth(expected.getUTCMonth() + 6);
      assert.equal(expected.toISOString().slice(0, 10), '2027-07-15');
      assert.equal(await listedExpiry(token.id), expected.toISOString());

      await setHostTime(expected.getTime() - margin);
      assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200, 'refused just before the expiry');
      await setHostTime(expected.getTime() + margin);
      assert.equal((await myself(host, basic('alice', token.rawToken))).status, 401, 'accepted just after the expiry');

      await saveMaxValidity('NEVER');
      assert.equal(await listedExpiry(token.id), null, 'raising the maximum again restores the token');
      assert.equal((await myself(host, basic('alice', token.rawToken))).status, 200);
    } finally {
      await saveMaxValidity('NEVER');
      await host.setClockOffset(0);
    }
  });

  test('own expiry stays when earlier than the maximum', async () => {
    await setHostTime(creationTime);
    const token = await createToken(host, aliceAuth, { description: 'six months of its own', validity: 'P6M' });
    await saveMaxValidity('P1Y');
    try {
      assert.equal(await listedExpiry(token.id), token.expiresAt);
      await setHostTime(Date.parse(token.expiresAt!) + margin);
      assert.equal((await myself(host, basic('alice', token.rawToken))).status, 401);
    } finally {
      await saveMaxValidity('NEVER');
      await host.setClockOffset(0);
    }
  });
});
