import type { Next } from 'koa';
import type { Logger } from '@plughost/sdk';
import type { AdminRestGate, RestContext } from '../../rest/rest-access.js';
import type { AdminGate, PageContext } from '../../web/page-guards.js';
import type { WebSudoGrants } from './websudo-grants.js';
import type { WebSudoPaths } from './websudo-paths.js';

/** Error message of the 401 for an admin REST call from a session without a WebSudo grant. */
export const webSudoRequiredMessage =
  'This resource requires WebSudo: open an administration page and enter your password again, or call it with an Authorization header.';

/**
 * Creates the admin page gate. A session without an active grant is redirected to the password
 * prompt with its destination. A session with a grant has it extended and gets the "Drop access" banner.
 * Requests authenticated by an `Authorization` header have no session and pass, as in Jira.
 */
export function webSudoPageGate(grants: WebSudoGrants, paths: WebSudoPaths, baseUrl: string, securityLog: Logger): AdminGate {
  return async function webSudoPage(ctx: PageContext, next: Next): Promise<void> {
    const session = ctx.state.session;
    if (!grants.isEnabled() || !session) return next();
    if (!grants.isActive(session.row)) {
      securityLog.info(`WebSudo requested for user ${session.row.user_name} before opening ${ctx.path}`);
      const destination = encodeURIComponent(ctx.originalUrl);
      ctx.redirect(`${baseUrl}${paths.authenticate}?${paths.destinationParameter}=${destination}`);
      return;
    }
    await grants.extend(session.row);
    ctx.state.webSudoBanner = { dropPath: paths.drop };
    await next();
  };
}

/** Creates the admin REST gate: 401 for a session without an active grant, while header-authenticated calls pass. */
export function webSudoRestGate(grants: WebSudoGrants): AdminRestGate {
  return async function webSudoRest(ctx: RestContext): Promise<boolean> {
    const session = ctx.state.session;
    if (!grants.isEnabled() || !session) return true;
    if (!grants.isActive(session.row)) {
      ctx.status = 401;
      ctx.body = { errorMessages: [webSudoRequiredMessage], errors: {} };
      return false;
    }
    await grants.extend(session.row);
    return true;
  };
}
