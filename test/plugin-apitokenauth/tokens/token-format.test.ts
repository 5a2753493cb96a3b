import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { base62Alphabet, encodeBase62 } from '@plughost/plugin-apitokenauth/dist/tokens/base62.js';
import { digestToken } from '@plughost/plugin-apitokenauth/dist/tokens/token-digest.js';
import {
  checksumLength,
  generateToken,
  isWellFormedToken,
  randomPartLength,
  tokenLength,
  tokenPrefix,
} from '@plughost/plugin-apitokenauth/dist/tokens/token-format.js';

/** Replaces the character at `index` with a different base62 character. */
function mistype(token: string, index: number): string {
  const current = token[index]!;
  const replacement = base62Alphabet[(base62Alphabet.indexOf(current) + 1) % 62]!;
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe('token format', () => {
  test('generated token has prefix, length and base62 body', () => {
    const token = generateToken();
    assert.equal(tokenPrefix, 'pha_');
    assert.equal(token.length, tokenLength);
    assert.equal(tokenLength, 4 + 43 + 6);
    assert.ok(token.startsWith('pha_'));
    assert.match(token, /^pha_[0-9A-Za-z]{49}$/);
  });

  test('random part holds at least 256 bits', () => {
    assert.ok(randomPartLength * Math.log2(62) >= 256);
    assert.equal(checksumLength, 6);
  });

  test('checksum is CRC32 of the random part in base62', () => {
    const token = generateToken();
    const randomPart = token.slice(4, 4 + randomPartLength);
    assert.equal(token.slice(-6), encodeBase62(BigInt(crc32(randomPart)), 6));
  });

  test('generated tokens are well-formed and distinct', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken()));
    assert.equal(tokens.size, 200);
    for (const token of tokens) assert.ok(isWellFormedToken(token), token.slice(0, 8));
  });

  test('one mistyped character fails the checksum', () => {
    const token = generateToken();
    for (const index of [4, 10, 30, 46, 47, 52]) {
      assert.equal(isWellFormedToken(mistype(token, index)), false, `character ${index} changed`);
    }
  });

  test('truncated, extended or re-prefixed token is rejected', () => {
    const token = generateToken();
    assert.equal(isWellFormedToken(token.slice(0, -1)), false);
    assert.equal(isWellFormedToken(`${token}0`), false);
    assert.equal(isWellFormedToken(`ghp_${token.slice(4)}`), false);
    assert.equal(isWellFormedToken(` ${token.slice(1)}`), false);
  });

  test('passwords and empty values are not tokens', () => {
    for (const value of ['', 'admin', 'pha_', 'correct horse battery staple', 'pha_' + 'a'.repeat(49)]) {
      assert.equal(isWellFormedToken(value), false, value);
    }
  });

  test('digest is lower-case hex SHA-256', () => {
    assert.equal(digestToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = generateToken();
    assert.equal(digestToken(token), digestToken(token));
    assert.notEqual(digestToken(token), digestToken(generateToken()));
  });
});

describe('base62 encoding', () => {
  test('encodes with padding and rejects overflow', () => {
    assert.equal(encodeBase62(0n, 3), '000');
    assert.equal(encodeBase62(61n, 2), '0z');
    assert.equal(encodeBase62(62n, 2), '10');
    assert.equal(encodeBase62(2n ** 32n - 1n, 6).length, 6);
    assert.throws(() => encodeBase62(62n ** 2n, 2), RangeError);
  });
});
