/** A compiled route path such as `/user/tokens/:id`. */
export interface PathPattern {
  readonly source: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

const parameterPattern = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Compiles a route path. `:name` matches one non-empty segment; every other segment matches
 * itself. A trailing slash in the request is ignored. Throws TypeError for a malformed path.
 */
export function compilePath(path: string): PathPattern {
  if (typeof path !== 'string') throw new TypeError(`a route path must be a string, got ${typeof path}`);
  const segments = path.split('/').filter((segment) => segment !== '');
  const names: string[] = [];
  const parts = segments.map((segment) => {
    if (segment.startsWith(':')) {
      const name = parameterPattern.exec(segment)?.[1];
      if (!name) throw new TypeError(`invalid path parameter "${segment}" in ${path}: use :name with letters, digits and _`);
      names.push(name);
      return '/([^/]+)';
    }
    return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  });
  return { source: `/${segments.join('/')}`, regex: new RegExp(`^${parts.join('')}/?$`), names };
}

/** The decoded path parameters when `path` matches, otherwise undefined. */
export function matchPath(pattern: PathPattern, path: string): Record<string, string> | undefined {
  const match = pattern.regex.exec(path === '' ? '/' : path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  try {
    pattern.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1]!);
    });
  } catch {
    // A malformed percent escape cannot name anything a plugin registered.
    return undefined;
  }
  return params;
}
