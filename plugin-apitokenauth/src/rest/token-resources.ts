import { AuthenticationError, InvalidInputError, type RestRequest, type RestResourceModule, type User } from '@plughost/sdk';
import type { TokenService } from '../tokens/token-service.js';

/** The REST version; the host also mounts it as `latest`. */
export const restVersion = '1.0';

/**
 * Creates the user-facing token REST resource at `/rest/de.resolution.apitokenauth/1.0/user/...`.
 *
 * @example
 * ```sh
 * curl -u alice:$TOKEN -H 'Content-Type: application/json' \
 *   -d '{"description":"CI job","validity":"P6M"}' \
 *   http://127.0.0.1:2990/rest/de.resolution.apitokenauth/latest/user/tokens
 * ```
 */
export function createTokenResources(tokens: TokenService): RestResourceModule {
  return {
    version: restVersion,
    routes: [
      { method: 'GET', path: '/user/tokens', handler: async (request) => ({ body: await tokens.listOwn(userOf(request)) }) },
      {
        method: 'POST',
        path: '/user/tokens',
        handler: async (request) => {
          const body = objectBody(request);
          const created = await tokens.create(userOf(request), { description: body.description, validity: body.validity, username: body.username });
          return { status: 201, body: created, headers: { 'cache-control': 'no-store' } };
        },
      },
      {
        method: 'DELETE',
        path: '/user/tokens/:id',
        handler: async (request) => {
          await tokens.delete(userOf(request), request.params.id ?? '');
          return { status: 204 };
        },
      },
      {
        method: 'DELETE',
        path: '/user/tokens',
        handler: async (request) => ({ body: { deleted: await tokens.deleteAllOf(userOf(request), request.query.username) } }),
      },
      {
        method: 'GET',
        path: '/user/tokensByFilter',
        handler: async (request) => {
          const { usernames, text, start, limit } = request.query;
          return { body: await tokens.listByFilter(userOf(request), { usernames, text, start, limit }) };
        },
      },
      { method: 'GET', path: '/user/options', handler: async (request) => ({ body: await tokens.optionsFor(userOf(request)) }) },
    ],
  };
}

/** Returns the authenticated user. Routes default to `authenticated`, so a missing user is a host fault. */
function userOf(request: RestRequest): User {
  if (!request.user) throw new AuthenticationError('Client must be authenticated to access this resource.');
  return request.user;
}

function objectBody(request: RestRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError('the request body must be a JSON object', {
      body: 'Send a JSON object such as {"description":"CI job","validity":"P6M"} with Content-Type: application/json.',
    });
  }
  return body as Record<string, unknown>;
}
