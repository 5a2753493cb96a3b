import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addValidity,
  effectiveExpiry,
  validityChoices,
  validityLabel,
  validityValues,
  type Validity,
} from '@plughost/plugin-apitokenauth/dist/settings/validity.js';
import { checkValidityChoice } from '@plughost/plugin-apitokenauth/dist/tokens/validity-input.js';
import { InvalidInputError } from '@plughost/sdk';

describe('validity choices', () => {
  const expected: Array<[Validity, Validity[]]> = [
    ['P1M', ['P1M']],
    ['P3M', ['P3M']],
    ['P5M', ['P5M']],
    ['P6M', ['P6M']],
    ['P1Y', ['P6M', 'P1Y']],
    ['P2Y', ['P6M', 'P1Y', 'P2Y']],
    ['NEVER', ['P6M', 'P1Y', 'P2Y', 'NEVER']],
  ];
  for (const [maximum, choices] of expected) {
    test(`maximum ${maximum} offers ${choices.join(', ')}`, () => {
      assert.deepEqual(validityChoices(maximum), choices);
    });
  }

  test('every value has a choice list containing the maximum or shorter', () => {
    for (const value of validityValues) assert.ok(validityChoices(value).length >= 1);
  });

  test('labels read as words', () => {
    assert.equal(validityLabel('P1M'), '1 month');
    assert.equal(validityLabel('P6M'), '6 months');
    assert.equal(validityLabel('P1Y'), '1 year');
    assert.equal(validityLabel('P2Y'), '2 years');
    assert.equal(validityLabel('NEVER'), 'Never');
  });
});

describe('validity input', () => {
  test('missing validity means the longest choice', () => {
    assert.equal(checkValidityChoice(undefined, 'P1Y'), 'P1Y');
    assert.equal(checkValidityChoice('', 'NEVER'), 'NEVER');
    assert.equal(checkValidityChoice(null, 'P3M'), 'P3M');
  });

  test('choice above the maximum names the value and the choices', () => {
    assert.throws(
      () => checkValidityChoice('P2Y', 'P1Y'),
      (error: unknown) =>
        error instanceof InvalidInputError && /"P2Y"/.test(error.message) && /P6M, P1Y/.test(error.fieldErrors.validity ?? ''),
    );
  });

  test('value outside the user choices is rejected', () => {
    assert.throws(() => checkValidityChoice('P3M', 'NEVER'), InvalidInputError);
    assert.throws(() => checkValidityChoice('forever', 'NEVER'), InvalidInputError);
    assert.throws(() => checkValidityChoice(12, 'NEVER'), InvalidInputError);
  });
});

describe('expiry arithmetic', () => {
  test('months are calendar months in UTC', () => {
    assert.equal(addValidity(new Date('2026-01-15T10:00:00.000Z'), 'P1M')?.toISOString(), '2026-02-15T10:00:00.000Z');
    assert.equal(addValidity(new Date('2026-08-31T23:30:00.000Z'), 'P6M')?.toISOString(), '2027-02-28T23:30:00.000Z');
    assert.equal(addValidity(new Date('2027-12-31T00:00:00.000Z'), 'P2M')?.toISOString(), '2028-02-29T00:00:00.000Z');
    assert.equal(addValidity(new Date('2026-03-01T00:00:00.000Z'), 'P2Y')?.toISOString(), '2028-03-01T00:00:00.000Z');
    assert.equal(addValidity(new Date('2026-03-01T00:00:00.000Z'), 'NEVER'), null);
  });

  test('effective expiry is the earlier of own and maximum', () => {
    const created = new Date('2026-01-01T00:00:00.000Z');
    const own = new Date('2027-01-01T00:00:00.000Z');
    assert.equal(effectiveExpiry(created, own, 'NEVER')?.toISOString(), own.toISOString());
    assert.equal(effectiveExpiry(created, own, 'P6M')?.toISOString(), '2026-07-01T00:00:00.000Z');
    assert.equal(effectiveExpiry(created, own, 'P2Y')?.toISOString(), own.toISOString());
  });

  test('never-expiring token is limited by a later maximum', () => {
    const created = new Date('2026-05-10T12:00:00.000Z');
    assert.equal(effectiveExpiry(created, null, 'NEVER'), null);
    assert.equal(effectiveExpiry(created, null, 'P3M')?.toISOString(), '2026-08-10T12:00:00.000Z');
  });
});
