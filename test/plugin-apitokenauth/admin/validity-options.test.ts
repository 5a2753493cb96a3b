import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestHost } from '../../support/test-host.js';
import { basic, request } from '../../support/http.js';
import { adminAuth, createUser, restBase } from '../support/token-host.js';

/** The validity table of the contract: the maximum, and the choices a user then has. */
const validityTable = [
  { maxValidity: 'P6M', choices: ['P6M'] },
  { maxValidity: 'P1Y', choices: ['P6M', 'P1Y'] },
  { maxValidity: 'P2Y', choices: ['P6M', 'P1Y', 'P2Y'] },
  { maxValidity: 'NEVER', choices: ['P6M', 'P1Y', 'P2Y', 'NEVER'] },
  { maxValidity: 'P1M', choices: ['P1M'] },
  { maxValidity: 'P3M', choices: ['P3M'] },
  { maxValidity: 'P5M', choices: ['P5M'] },
];

describe('validity options per maximum (jira)', () => {
  let host: TestHost;
  let alice: string;

  before(async () => {
    host = await TestHost.start();
    alice = basic('alice', await createUser(host, 'alice'));
  });
  after(async () => {
    await host.dispose();
  });

  for (const { maxValidity, choices } of validityTable) {
    test(`maximum ${maxValidity} offers ${choices.join(', ')}`, async () => {
      const settings = await request(`${host.url}${restBase}/admin/settings`, { auth: adminAuth });
      const put = await request(`${host.url}${restBase}/admin/settings`, { method: 'PUT', auth: adminAuth, json: { ...settings.body, maxValidity } });
      assert.equal(put.status, 200);

      const options = await request(`${host.url}${restBase}/user/options`, { auth: alice });
      assert.equal(options.status, 200);
      assert.deepEqual(options.body.validityOptions, choices);

      const tooLong = await request(`${host.url}${restBase}/user/tokens`, { method: 'POST', auth: alice, json: { description: 'too long', validity: 'NEVER' } });
      if (maxValidity === 'NEVER') assert.equal(tooLong.status, 201);
      else assert.equal(tooLong.status, 400, 'a validity beyond the maximum is rejected');
    });
  }
});
