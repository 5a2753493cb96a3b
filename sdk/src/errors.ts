/**
 * Stable codes of the runtime errors a plugin or the host may throw. The host maps each
 * code to one HTTP status; the message of a 4xx error is shown to the client.
 *
 * @example
 * ```ts
 * if (error instanceof PlughostError && error.code === 'NOT_FOUND') return { status: 404 };
 * ```
 * @public
 */
export type PlughostErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'AUTHENTICATION_REQUIRED'
  | 'CONFLICT';

/**
 * Base class of the domain errors. Throw a subclass from a REST handler or page and the
 * host answers with its status and message.
 *
 * @example
 * ```ts
 * import { NotFoundError } from '@plughost/sdk';
 * throw new NotFoundError(`token not found: ${id}`);
 * ```
 * @public
 */
export abstract class PlughostError extends Error {
  abstract readonly code: PlughostErrorCode;
  abstract readonly status: number;
}

/**
 * Invalid input. `fieldErrors` maps a field name to a message about that field.
 *
 * @example
 * ```ts
 * throw new InvalidInputError('validity is invalid', { validity: 'must be one of P6M, P1Y' });
 * ```
 * @public
 */
export class InvalidInputError extends PlughostError {
  readonly code = 'INVALID_INPUT';
  readonly status = 400;
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/**
 * The caller is known but may not do this (HTTP 403).
 *
 * @example
 * ```ts
 * throw new NotAllowedError('only administrators may change the settings');
 * ```
 * @public
 */
export class NotAllowedError extends PlughostError {
  readonly code = 'NOT_ALLOWED';
  readonly status = 403;
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

/**
 * The addressed object does not exist (HTTP 404).
 *
 * @example
 * ```ts
 * throw new NotFoundError('user not found: alice');
 * ```
 * @public
 */
export class NotFoundError extends PlughostError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * The object already exists (HTTP 400, as Jira answers a duplicate user).
 *
 * @example
 * ```ts
 * throw new ConflictError('a user with the name alice already exists', { name: 'already exists' });
 * ```
 * @public
 */
export class ConflictError extends PlughostError {
  readonly code = 'CONFLICT';
  readonly status = 400;
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The request is not authenticated (HTTP 401).
 *
 * @example
 * ```ts
 * throw new AuthenticationError('Client must be authenticated to access this resource.');
 * ```
 * @public
 */
export class AuthenticationError extends PlughostError {
  readonly code = 'AUTHENTICATION_REQUIRED';
  readonly status = 401;
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}
