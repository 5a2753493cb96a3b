import type Router from '@koa/router';
import { isCaptchaDenial } from '../../auth/password-authenticator.js';
import type { HostState } from '../../server/host-state.js';
import { formField, formOf, safeDestination, type PageContext } from '../../web/page-guards.js';
import type { HostServices } from '../../server/host.js';
import type { Middleware } from 'koa';
import { xsrfTokenFor } from '../xsrf.js';
import type { WebSudoGrants } from './websudo-grants.js';
import type { WebSudoPaths } from './websudo-paths.js';

/**
 * Adds the password prompt that starts a WebSudo grant, and "Drop access" that ends it. The
 * prompt checks the password like the login form, so failures count and the CAPTCHA applies.
 */
export function addWebSudoPages(
  router: Router<HostState>,
  services: HostServices,
  grants: WebSudoGrants,
  paths: WebSudoPaths,
  adminOnly: Middleware<HostState>,
): void {
  const { renderer, securityLog, baseUrl, captchaChallenges } = services;

  const showPrompt = async (ctx: PageContext, destination: string, error?: string, withChallenge = false) => {
    const captcha = withChallenge ? captchaChallenges.create(xsrfTokenFor(ctx)) : undefined;
    await renderer.render(ctx, 'security/websudo-authenticate', { title: 'Administrator Access', status: error ? 403 : 200 }, {
      authenticatePath: paths.authenticate,
      destinationParameter: paths.destinationParameter,
      destination,
      error,
      captcha,
    });
  };

  router.get(paths.authenticate, adminOnly, async (ctx) => {
    await showPrompt(ctx, safeDestination(ctx.query[paths.destinationParameter]));
  });

  router.post(paths.authenticate, adminOnly, async (ctx) => {
    const form = formOf(ctx);
    const destination = safeDestination(formField(form, paths.destinationParameter));
    const session = ctx.state.session;
    if (!session) {
      await showPrompt(ctx, destination, 'WebSudo needs a browser session: log in through the login page first.');
      return;
    }
    const username = session.row.user_name;

    let challengePassed = false;
    const captchaId = formField(form, 'captcha_id');
    if (captchaId !== '' && formField(form, 'os_captcha').trim() === '') {
      // An empty answer is an incomplete form, so it does not count as a failed login.
      await showPrompt(ctx, destination, 'The characters from the image are missing. Type the characters shown in the image, and your password again.', true);
      return;
    }
    if (captchaId !== '') {
      challengePassed = captchaChallenges.verify(captchaId, xsrfTokenFor(ctx), formField(form, 'os_captcha'));
      if (!challengePassed) {
        await services.counters.recordFailure(username);
        securityLog.info(`WebSudo denied for user ${username}: wrong or expired CAPTCHA answer`);
        await showPrompt(ctx, destination, 'The characters you typed do not match the image. Type the new characters and your password again.', true);
        return;
      }
    }

    const outcome = await services.passwords.checkPassword(username, formField(form, 'webSudoPassword'), { channel: 'the WebSudo prompt', challengePassed });
    if (outcome.kind !== 'authenticated') {
      const challenge = isCaptchaDenial(outcome) || outcome.challengeRequired;
      const message = challenge ? 'Too many failed logins: type the characters in the image and your password.' : 'The password is incorrect. Enter the password of the user you are logged in as.';
      await showPrompt(ctx, destination, message, challenge);
      return;
    }
    await grants.extend(session.row);
    securityLog.info(`WebSudo granted to user ${username}`);
    ctx.redirect(`${baseUrl}${destination}`);
  });

  router.post(paths.drop, async (ctx) => {
    const session = ctx.state.session;
    if (session) {
      await grants.drop(session.row);
      securityLog.info(`WebSudo dropped by user ${session.row.user_name}`);
    }
    ctx.redirect(`${baseUrl}/`);
  });
}
