/**
 * Removes secrets from a log line. Two layers: the exact secret values the current request
 * registered (credentials, cookies), then patterns for values that look secret wherever
 * they come from. The mask never says how long the secret was.
 */
const mask = '****';

const secretPatterns: ReadonlyArray<[RegExp, string]> = [
  // Authorization header values and their schemes, wherever they are quoted.
  [/\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~-]{4,}/gi, `$1 ${mask}`],
  // The whole value, scheme and credentials, up to its closing quote or the end of the field.
  [/(authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1${mask}`],
  // Cookies and form fields that carry secrets.
  [/\b(JSESSIONID|atl_token|password|passwd|os_password|rawToken|token|secret)(["']?\s*[:=]\s*["']?)[^"'\s&;,}]+/gi, `$1$2${mask}`],
  // API tokens of the token plugin (fixed prefix, base62 body).
  [/\bpha_[A-Za-z0-9]{20,}/g, `pha_${mask}`],
];

export function redact(line: string, requestSecrets: readonly string[] = []): string {
  let result = line;
  for (const secret of requestSecrets) {
    if (result.includes(secret)) result = result.split(secret).join(mask);
  }
  for (const [pattern, replacement] of secretPatterns) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
