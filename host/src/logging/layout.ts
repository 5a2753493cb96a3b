/**
 * Formats log lines in the Atlassian layout:
 * `2026-12-04 07:25:04,213+0000 http-worker-4 INFO alice 445x4051x1 1x2y3z 203.0.113.7 /rest/api/2/myself [d.resolution.apitokenauth.ApiTokenAuthenticationService] message`.
 * Outside a request the request fields are `-`.
 */
export interface LineFields {
  readonly time: Date;
  readonly worker: string;
  readonly level: string;
  readonly user: string;
  readonly requestId: string;
  readonly sessionHash: string;
  readonly address: string;
  readonly path: string;
  readonly logger: string;
  readonly message: string;
}

export function formatLine(fields: LineFields): string {
  return [
    formatTimestamp(fields.time),
    fields.worker,
    fields.level,
    fields.user,
    fields.requestId,
    fields.sessionHash,
    fields.address,
    fields.path,
    `[${shortenLoggerName(fields.logger)}]`,
    fields.message,
  ].join(' ');
}

/** `2026-12-04 07:25:04,213+0000` in the machine's local zone. */
export function formatTimestamp(time: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const offsetMinutes = -time.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ` +
    `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())},${pad(time.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`
  );
}

/**
 * Shortens a dotted logger name as Jira's log layout does: the last three parts stay whole
 * and every part before them becomes its first letter, so
 * `de.resolution.apitokenauth.ApiTokenAuthenticationService` becomes
 * `d.resolution.apitokenauth.ApiTokenAuthenticationService`.
 */
export function shortenLoggerName(name: string): string {
  const parts = name.split('.');
  if (parts.length < 4) return name;
  const keep = parts.slice(-3);
  const shortened = parts.slice(0, -3).map((part) => part.charAt(0));
  return [...shortened, ...keep].join('.');
}
