import { parseIpEntry, type IpEntry } from './ip-entry.js';
import { createIpMatcher, type IpMatcher } from './ip-matcher.js';

/** An entry of an address list that could not be parsed, with its position in the list. */
export interface InvalidIpEntry {
  readonly index: number;
  readonly text: string;
  readonly message: string;
}

/** An address list (IP restrictions or trusted proxies) parsed once for lookups. */
export interface IpAddressList {
  /** Number of entries configured, valid or not. */
  readonly configuredCount: number;
  readonly entries: readonly IpEntry[];
  readonly invalidEntries: readonly InvalidIpEntry[];
  readonly matcher: IpMatcher;
}

/**
 * Parses the entries of a stored address list and builds its matcher. Invalid entries are
 * left out of the matcher and listed in `invalidEntries`. Settings are validated before they
 * are saved, so an invalid stored entry means the stored data was changed by other means.
 *
 * @example
 * ```ts
 * const list = compileIpAddressList(['10.0.0.0/8', '2001:db8::/32']);
 * console.log(list.entries.length, list.invalidEntries.length); // 2 0
 * ```
 */
export function compileIpAddressList(entryTexts: readonly string[]): IpAddressList {
  const entries: IpEntry[] = [];
  const invalidEntries: InvalidIpEntry[] = [];
  entryTexts.forEach((text, index) => {
    const parsed = parseIpEntry(text);
    if (parsed.ok) entries.push(parsed.entry);
    else invalidEntries.push({ index, text, message: parsed.message });
  });
  return {
    configuredCount: entryTexts.length,
    entries,
    invalidEntries,
    matcher: createIpMatcher(entries.map((entry) => entry.range)),
  };
}
