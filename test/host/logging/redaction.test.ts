import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redact } from '@plughost/host/internal/logging/redaction';

describe('redact', () => {
  test('removes registered request secrets', () => {
    const line = redact('login failed for alice with s3cr3t-value here', ['s3cr3t-value']);
    assert.doesNotMatch(line, /s3cr3t-value/);
    assert.match(line, /\*\*\*\*/);
  });

  test('masks Basic and Bearer values', () => {
    const encoded = Buffer.from('admin:hunter2').toString('base64');
    assert.doesNotMatch(redact(`header Basic ${encoded}`), new RegExp(encoded));
    assert.doesNotMatch(redact('header Bearer pha_abcdefghijklmnopqrstuvwx'), /abcdefghijklmnop/);
  });

  test('masks Authorization header values', () => {
    assert.doesNotMatch(redact('{"authorization":"Negotiate YIIabc123"}'), /YIIabc123/);
    assert.doesNotMatch(redact('Authorization: Custom-scheme-value'), /Custom-scheme-value/);
  });

  test('masks password and session fields', () => {
    for (const text of ['os_password=topsecret1', '"password":"topsecret1"', "password: 'topsecret1'", 'JSESSIONID=topsecret1', 'atl_token=topsecret1']) {
      assert.doesNotMatch(redact(text), /topsecret1/, text);
    }
  });

  test('masks API tokens anywhere', () => {
    assert.doesNotMatch(redact('token in text pha_0123456789abcdefghijXYZ'), /0123456789abcdefghij/);
  });

  test('keeps ordinary text', () => {
    assert.equal(redact('User alice created group developers'), 'User alice created group developers');
  });
});
