import type { User } from '@plughost/sdk';
import { currentRequestContext, type RequestContext } from '../server/request-context.js';

/** Users and group lists read during one request, by lower-case user name. */
export interface RequestUserCache {
  readonly users: Map<string, User | undefined>;
  readonly groups: Map<string, readonly string[]>;
}

// Keyed by the request's context object, so a cache lives exactly as long as its request and
// another request (even a parallel one) never sees it.
const caches = new WeakMap<RequestContext, RequestUserCache>();

/**
 * Returns the user cache of the request being served, or undefined outside a request, where
 * nothing is cached. Nothing is kept across requests, so a deleted or deactivated user is seen
 * by the very next request.
 */
export function requestUserCache(): RequestUserCache | undefined {
  const context = currentRequestContext();
  if (!context) return undefined;
  let cache = caches.get(context);
  if (!cache) {
    cache = { users: new Map(), groups: new Map() };
    caches.set(context, cache);
  }
  return cache;
}

/** Empties the current request's cache, after this request changed users, groups or memberships. */
export function clearRequestUserCache(): void {
  const context = currentRequestContext();
  if (context) caches.delete(context);
}
