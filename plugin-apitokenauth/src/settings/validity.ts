/**
 * Token validity periods as ISO 8601 durations, and the rules for which ones a user may choose.
 */

/** Every validity value, from the shortest to the longest. `NEVER` means no expiry. */
export const validityValues = ['P1M', 'P2M', 'P3M', 'P4M', 'P5M', 'P6M', 'P1Y', 'P2Y', 'NEVER'] as const;

/** A validity value: `P1M`..`P6M`, `P1Y`, `P2Y` or `NEVER`. */
export type Validity = (typeof validityValues)[number];

/** The values a user may pick from, before the maximum is applied. */
const userChoices: readonly Validity[] = ['P6M', 'P1Y', 'P2Y', 'NEVER'];

const monthsOf: Readonly<Record<Validity, number>> = {
  P1M: 1,
  P2M: 2,
  P3M: 3,
  P4M: 4,
  P5M: 5,
  P6M: 6,
  P1Y: 12,
  P2Y: 24,
  NEVER: Number.POSITIVE_INFINITY,
};

export function isValidity(value: unknown): value is Validity {
  return typeof value === 'string' && (validityValues as readonly string[]).includes(value);
}

/** Returns the length of a validity in months, or `Infinity` for `NEVER`. */
export function validityMonths(validity: Validity): number {
  return monthsOf[validity];
}

/**
 * Returns the validities a user may choose under the maximum: those of `P6M`, `P1Y`, `P2Y`
 * and `NEVER` not longer than it, or only the maximum itself when it is under six months.
 *
 * @example
 * ```ts
 * validityChoices('P1Y'); // ['P6M', 'P1Y']
 * validityChoices('P3M'); // ['P3M']
 * ```
 */
export function validityChoices(maxValidity: Validity): Validity[] {
  const maximum = validityMonths(maxValidity);
  if (maximum < validityMonths('P6M')) return [maxValidity];
  return userChoices.filter((choice) => validityMonths(choice) <= maximum);
}

/**
 * Adds a validity to an instant, in calendar months in UTC. A day of month that the target
 * month lacks becomes its last day (31 January plus one month is 28 or 29 February).
 * Returns `null` for `NEVER`.
 */
export function addValidity(from: Date, validity: Validity): Date | null {
  const months = validityMonths(validity);
  if (!Number.isFinite(months)) return null;
  const target = new Date(from.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/**
 * Computes the expiry that applies to a token now: the earlier of its own expiry and its
 * creation plus the current maximum validity, so lowering the maximum also shortens
 * existing tokens. Returns `null` when neither limits it.
 */
export function effectiveExpiry(createdAt: Date, ownExpiry: Date | null, maxValidity: Validity): Date | null {
  const limit = addValidity(createdAt, maxValidity);
  if (ownExpiry === null) return limit;
  if (limit === null) return ownExpiry;
  return ownExpiry.getTime() <= limit.getTime() ? ownExpiry : limit;
}

/** Returns a validity in words for forms and lists, for example `6 months` or `Never`. */
export function validityLabel(validity: Validity): string {
  if (validity === 'NEVER') return 'Never';
  const months = validityMonths(validity);
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}
