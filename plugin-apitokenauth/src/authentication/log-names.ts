/** The logger of authentication decisions; operators set it to INFO to see each token login. */
export const authenticationLoggerName = 'de.resolution.apitokenauth.ApiTokenAuthenticationService';

/** The logger of the plugin's other work, such as cleaning up after deleted users. */
export const pluginLoggerName = 'de.resolution.apitokenauth';

/**
 * Makes a user-supplied name safe for one log line: control characters become `?` and the
 * length is capped, so a crafted Basic user name cannot forge extra lines.
 */
export function loggableName(name: string): string {
  return name.slice(0, 255).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
