import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatLine, formatTimestamp, shortenLoggerName } from '@plughost/host/internal/logging/layout';

describe('log layout', () => {
  test('shortens a four-part name to one initial', () => {
    assert.equal(
      shortenLoggerName('de.resolution.apitokenauth.ApiTokenAuthenticationService'),
      'd.resolution.apitokenauth.ApiTokenAuthenticationService',
    );
  });

  test('shortens every part before the last three', () => {
    assert.equal(shortenLoggerName('com.atlassian.jira.startup.JiraStartupLogger'), 'c.a.jira.startup.JiraStartupLogger');
  });

  test('keeps names of three parts or fewer', () => {
    assert.equal(shortenLoggerName('com.plughost.host'), 'com.plughost.host');
    assert.equal(shortenLoggerName('root'), 'root');
  });

  test('timestamp has milliseconds and zone offset', () => {
    assert.match(formatTimestamp(new Date()), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}[+-]\d{4}$/);
  });

  test('line puts the fields in the Atlassian order', () => {
    const line = formatLine({
      time: new Date(),
      worker: 'http-worker-4',
      level: 'INFO',
      user: 'alice',
      requestId: '445x4051x1',
      sessionHash: '1x2y3z',
      address: '203.0.113.7',
      path: '/rest/api/2/myself',
      logger: 'de.resolution.apitokenauth.ApiTokenAuthenticationService',
      message: 'hello',
    });
    assert.match(
      line,
      /^\S+ \S+ http-worker-4 INFO alice 445x4051x1 1x2y3z 203\.0\.113\.7 \/rest\/api\/2\/myself \[d\.resolution\.apitokenauth\.ApiTokenAuthenticationService\] hello$/,
    );
  });
});
