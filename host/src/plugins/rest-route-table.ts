import type { RestAccess, RestRoute } from '@plughost/sdk';
import { compilePath, type PathPattern } from './path-pattern.js';

/** One route of a mounted resource, with its compiled path. */
export interface MountedRoute {
  readonly method: RestRoute['method'];
  readonly pattern: PathPattern;
  readonly access: RestAccess;
  readonly handler: RestRoute['handler'];
}

/** A plugin's REST resource at `/rest/<resourceKey>/<version>/`. */
export interface RestMount {
  readonly pluginKey: string;
  readonly resourceKey: string;
  readonly version: string;
  readonly routes: readonly MountedRoute[];
}

/** REST keys the host serves itself; no plugin may mount a resource there. */
export const reservedRestKeys: ReadonlySet<string> = new Set(['api', 'auth', 'auditing', 'plugins', 'plughost']);

const versionPattern = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/** Compiles a resource's routes; throws TypeError naming the plugin and the bad route. */
export function compileRoutes(pluginKey: string, routes: readonly RestRoute[]): MountedRoute[] {
  if (!Array.isArray(routes)) throw new TypeError(`plugin ${pluginKey} registered a REST resource without a routes array`);
  return routes.map((route) => {
    if (!['GET', 'POST', 'PUT', 'DELETE'].includes(route?.method)) {
      throw new TypeError(`plugin ${pluginKey} registered a REST route with an invalid method ${JSON.stringify(route?.method)}: use GET, POST, PUT or DELETE`);
    }
    if (typeof route.handler !== 'function') throw new TypeError(`plugin ${pluginKey} registered ${route.method} ${route.path} without a handler function`);
    const access = route.access ?? 'authenticated';
    if (!['anonymous', 'authenticated', 'admin'].includes(access)) {
      throw new TypeError(`plugin ${pluginKey} registered ${route.method} ${route.path} with an invalid access ${JSON.stringify(access)}`);
    }
    return { method: route.method, pattern: compilePath(route.path), access, handler: route.handler };
  });
}

/**
 * The mounted REST resources of all enabled plugins. The list is replaced, never mutated, so a
 * request in flight keeps the resources it started with.
 */
export class RestRouteTable {
  private mounts: readonly RestMount[] = [];

  /** Mounts a resource; returns a function that unmounts it. Throws TypeError on a conflict. */
  add(mount: RestMount): () => void {
    if (reservedRestKeys.has(mount.resourceKey)) {
      throw new TypeError(`plugin ${mount.pluginKey} cannot mount a REST resource at /rest/${mount.resourceKey}/, which the host serves`);
    }
    if (mount.version === 'latest' || !versionPattern.test(mount.version)) {
      throw new TypeError(`plugin ${mount.pluginKey} registered an invalid REST version ${JSON.stringify(mount.version)}: use a version such as 1.0`);
    }
    const taken = this.mounts.find((other) => other.resourceKey === mount.resourceKey && (other.version === mount.version || other.pluginKey !== mount.pluginKey));
    if (taken) {
      throw new TypeError(`plugin ${mount.pluginKey} cannot mount /rest/${mount.resourceKey}/${mount.version}/: plugin ${taken.pluginKey} already serves /rest/${taken.resourceKey}/${taken.version}/`);
    }
    this.mounts = [...this.mounts, mount];
    return () => {
      this.mounts = this.mounts.filter((candidate) => candidate !== mount);
    };
  }

  /** The resource for a key and version; `latest` is the highest version mounted for the key. */
  find(resourceKey: string, version: string): RestMount | undefined {
    const candidates = this.mounts.filter((mount) => mount.resourceKey === resourceKey);
    if (version !== 'latest') return candidates.find((mount) => mount.version === version);
    return [...candidates].sort((a, b) => compareVersions(b.version, a.version))[0];
  }
}

/** Compares dotted versions part by part, numerically where both parts are numbers. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const difference = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (difference !== 0) return difference;
  }
  return 0;
}
