import type { Context, Next } from 'koa';
import { isRestPath } from '../server/host-state.js';

/** Content types a browser form can send cross-site without a CORS preflight. */
const formLikeTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Jira's REST XSRF rule: a state-changing call whose body a plain HTML form could have sent
 * (form, multipart, text/plain, or no content type) must carry `X-Atlassian-Token: no-check`,
 * which a cross-site form cannot set. JSON needs a preflight, so it passes.
 *
 * NOTE: a PUT or DELETE without a body and without a content type passes, because no HTML
 * form can send those methods. Rejecting them would break `curl -X DELETE` and protect
 * nothing. A POST without a content type is rejected.
 */
export function restXsrfCheck() {
  return async function restXsrf(ctx: Context, next: Next): Promise<void> {
    if (isRestPath(ctx.path) && !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method)) {
      const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
      const hasBody = ctx.method === 'POST' || Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
      const formLike = formLikeTypes.includes(type) || (type === '' && hasBody);
      if (formLike && ctx.get('x-atlassian-token').toLowerCase() !== 'no-check') {
        ctx.status = 403;
        ctx.body = { errorMessages: ['XSRF check failed'], errors: {} };
        ctx.type = 'application/json';
        return;
      }
    }
    await next();
  };
}
