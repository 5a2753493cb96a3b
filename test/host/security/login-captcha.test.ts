import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from '../../support/http.js';
import { readLoginCounts } from '../../support/login-counts.js';
import { PageClient } from '../../support/session.js';
import { TestHost } from '../../support/test-host.js';
import { createUser } from '../../support/users.js';

const loginPath = '/login.jsp';

function challengeIdOf(html: string): string | undefined {
  return /name="captcha_id" value="([^"]+)"/.exec(html)?.[1];
}

function challengeImageOf(html: string): string {
  const source = /id="captcha-image" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)?.[1];
  if (!source) throw new Error('the page has no CAPTCHA image');
  return Buffer.from(source, 'base64').toString('utf8');
}

describe('login form CAPTCHA (jira)', () => {
  let host: TestHost;

  const answerOf = async (id: string): Promise<string> => {
    const response = await request(`${host.url}/rest/plughost/1.0/test/captcha/${id}`);
    assert.equal(response.status, 200, `no answer for challenge ${id}`);
    return response.body.answer;
  };

  /** Posts the login form of a fresh login page; returns the response page. */
  const postLogin = async (client: PageClient, fields: Record<string, string>) => {
    const page = await client.get(loginPath);
    return client.post(loginPath, { atl_token: PageClient.tokenOf(page.text), os_destination: '/', ...fields });
  };

  before(async () => {
    host = await TestHost.start();
    await createUser(host.url, 'frank', 'frank-right-1');
    await createUser(host.url, 'grace', 'grace-right-1');
  });
  after(async () => {
    await host.dispose();
  });

  test('challenge appears at the maximum', async () => {
    const client = new PageClient(host.url);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const failed = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
      assert.equal(failed.status, 401);
      assert.equal(challengeIdOf(failed.text), undefined);
    }
    const third = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    assert.equal(third.status, 401);
    assert.ok(challengeIdOf(third.text), 'the third failure shows a challenge');
    assert.deepEqual(readLoginCounts(host.dataDir, 'frank'), { current: 3, total: 3 });

    const withoutAnswer = await postLogin(client, { os_username: 'frank', os_password: 'frank-right-1' });
    assert.equal(withoutAnswer.status, 403);
    assert.match(withoutAnswer.text, /Too many failed logins/);
    assert.ok(challengeIdOf(withoutAnswer.text));
    assert.equal(client.cookie('JSESSIONID'), undefined);
    assert.deepEqual(readLoginCounts(host.dataDir, 'frank'), { current: 4, total: 4 });
  });

  test('image hides the answer text', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const svg = challengeImageOf(page.text);
    const answer = await answerOf(id);
    assert.match(answer, /^[A-Z0-9]{5}$/);
    assert.match(svg, /^<svg /);
    assert.ok(!svg.includes(answer), 'the SVG contains the answer as text');
    assert.doesNotMatch(svg, /<text/);
  });

  test('wrong answer fails with the right password', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const answer = await answerOf(id);
    const before = readLoginCounts(host.dataDir, 'frank');

    const wrong = answer === 'AAAAA' ? 'ZZZZZ' : 'AAAAA';
    const response = await client.post(loginPath, { atl_token: PageClient.tokenOf(page.text), os_destination: '/', os_username: 'frank', os_password: 'frank-right-1', captcha_id: id, os_captcha: wrong });
    assert.equal(response.status, 403);
    assert.match(response.text, /do not match the image/);
    assert.equal(client.cookie('JSESSIONID'), undefined);
    assert.equal(readLoginCounts(host.dataDir, 'frank').current, before.current + 1);
    assert.notEqual(challengeIdOf(response.text), id, 'a new challenge replaces the answered one');
    assert.equal((await request(`${host.url}/rest/plughost/1.0/test/captcha/${id}`)).status, 404, 'the answered challenge is gone');
  });

  test('empty answer asks for the characters', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const before = readLoginCounts(host.dataDir, 'frank');

    const response = await client.post(loginPath, { atl_token: PageClient.tokenOf(page.text), os_destination: '/', os_username: 'frank', os_password: 'frank-right-1', captcha_id: id, os_captcha: '  ' });
    assert.equal(response.status, 400);
    assert.match(response.text, /The characters from the image are missing/);
    assert.doesNotMatch(response.text, /do not match the image/);
    assert.equal(client.cookie('JSESSIONID'), undefined);
    assert.deepEqual(readLoginCounts(host.dataDir, 'frank'), before, 'an empty answer counted as a failed login');
    assert.ok(challengeIdOf(response.text), 'the form shows a challenge again');
  });

  test('answer from another browser fails', async () => {
    const shown = new PageClient(host.url);
    const page = await postLogin(shown, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const answer = await answerOf(id);

    const other = new PageClient(host.url);
    const response = await postLogin(other, { os_username: 'frank', os_password: 'frank-right-1', captcha_id: id, os_captcha: answer });
    assert.equal(response.status, 403);
    assert.equal(other.cookie('JSESSIONID'), undefined);
  });

  test('expired challenge fails', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const answer = await answerOf(id);
    await host.setClockOffset(6 * 60 * 1000);
    try {
      const response = await client.post(loginPath, { atl_token: PageClient.tokenOf(page.text), os_destination: '/', os_username: 'frank', os_password: 'frank-right-1', captcha_id: id, os_captcha: answer });
      assert.equal(response.status, 403);
      assert.equal(client.cookie('JSESSIONID'), undefined);
    } finally {
      await host.setClockOffset(0);
    }
  });

  test('right answer with a wrong password fails', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const answer = await answerOf(id);
    const before = readLoginCounts(host.dataDir, 'frank');
    const response = await client.post(loginPath, { atl_token: PageClient.tokenOf(page.text), os_destination: '/', os_username: 'frank', os_password: 'still-wrong', captcha_id: id, os_captcha: answer });
    assert.equal(response.status, 401);
    assert.ok(challengeIdOf(response.text), 'the next attempt needs a challenge again');
    assert.equal(readLoginCounts(host.dataDir, 'frank').current, before.current + 1);
  });

  test('right answer and password log in', async () => {
    const client = new PageClient(host.url);
    const page = await postLogin(client, { os_username: 'frank', os_password: 'wrong' });
    const id = challengeIdOf(page.text)!;
    const answer = await answerOf(id);
    const total = readLoginCounts(host.dataDir, 'frank').total;

    const response = await client.post(loginPath, {
      atl_token: PageClient.tokenOf(page.text), os_destination: '/', os_username: 'frank', os_password: 'frank-right-1', captcha_id: id, os_captcha: answer.toLowerCase(),
    });
    assert.equal(response.status, 302);
    assert.ok(client.cookie('JSESSIONID'));
    assert.deepEqual(readLoginCounts(host.dataDir, 'frank'), { current: 0, total });
    const myself = await client.rest('/rest/api/2/myself');
    assert.equal(myself.body.name, 'frank');
  });

  test('logout is logged', async () => {
    const client = new PageClient(host.url);
    assert.equal(await client.login(loginPath, 'grace', 'grace-right-1'), 302);
    assert.equal((await client.get('/logout')).status, 200);
    const deadline = Date.now() + 5000;
    while (!/User grace logged out/.test(host.logFile()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const log = host.logFile();
    assert.match(log, /User grace logged in through the login form/);
    assert.match(log, /User grace logged out/);
    assert.match(log, /Web login denied for frank: wrong or expired CAPTCHA answer/);
    assert.ok(!log.includes('frank-right-1'));
    assert.ok(!log.includes('grace-right-1'));
  });
});
