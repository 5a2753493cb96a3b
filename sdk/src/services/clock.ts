/**
 * The host's clock. Use it instead of `Date.now()` so tests can move time.
 *
 * @example
 * ```ts
 * const expired = token.expiresAt.getTime() <= clock.now().getTime();
 * ```
 * @public
 */
export interface Clock {
  now(): Date;
}
