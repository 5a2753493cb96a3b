import { InvalidInputError } from '@plughost/sdk';

/** Maximum description length, in UTF-16 code units. */
export const maxDescriptionLength = 255;

// C0 and C1 control characters, and the Unicode line and paragraph separators.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Validates a token description and returns it trimmed. It is required, at most
 * `maxDescriptionLength` characters, and free of control characters, so it reads on one line
 * in lists, logs and audit records.
 */
export function checkDescription(value: unknown): string {
  if (value === undefined || value === null) {
    throw new InvalidInputError('description is missing', { description: 'Enter a description, for example the script that uses the token.' });
  }
  if (typeof value !== 'string') {
    throw new InvalidInputError('description must be a string', { description: 'The description must be text.' });
  }
  const description = value.trim();
  if (description.length === 0) {
    throw new InvalidInputError('description is empty', { description: 'Enter a description, for example the script that uses the token.' });
  }
  if (description.length > maxDescriptionLength) {
    throw new InvalidInputError('description is too long', {
      description: `The description must not exceed ${maxDescriptionLength} characters (it has ${description.length}).`,
    });
  }
  if (controlCharacters.test(description)) {
    throw new InvalidInputError('description contains a control character', {
      description: 'The description must not contain control characters such as line breaks or tabs.',
    });
  }
  return description;
}
