import { InvalidInputError } from '@plughost/sdk';
import { validityChoices, type Validity } from '../settings/validity.js';

/**
 * Validates the validity a user chose for a new token against the current maximum. A missing
 * value means the longest choice allowed.
 */
export function checkValidityChoice(value: unknown, maxValidity: Validity): Validity {
  const choices = validityChoices(maxValidity);
  if (value === undefined || value === null || value === '') return choices[choices.length - 1]!;
  if (typeof value === 'string' && (choices as string[]).includes(value)) return value as Validity;
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${typeof value}`;
  throw new InvalidInputError(`validity ${shown} is not allowed`, {
    validity: `The validity ${shown} is not allowed. Choose one of ${choices.join(', ')}; the maximum validity is ${maxValidity}.`,
  });
}
