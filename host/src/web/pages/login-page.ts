import type Router from '@koa/router';
import type { Logger } from '@plughost/sdk';
import { sessionCookieName } from '../../auth/authenticate-request.js';
import { isCaptchaDenial, loggableName, type PasswordAuthenticator } from '../../auth/password-authenticator.js';
import type { SessionStore } from '../../auth/session-store.js';
import type { Flavour } from '../../product/flavours.js';
import type { CaptchaChallenges } from '../../security/captcha/captcha-challenges.js';
import { xsrfTokenFor } from '../../security/xsrf.js';
import type { HostState } from '../../server/host-state.js';
import type { LoginCounters } from '../../users/login-counters.js';
import { formField, formOf, safeDestination, type PageContext } from '../page-guards.js';
import type { PageRenderer } from '../renderer.js';

export interface LoginPageDependencies {
  readonly flavour: Flavour;
  readonly baseUrl: string;
  readonly renderer: PageRenderer;
  readonly passwords: PasswordAuthenticator;
  readonly counters: LoginCounters;
  readonly sessions: SessionStore;
  readonly challenges: CaptchaChallenges;
  readonly securityLog: Logger;
}

const wrongCredentialsMessage = 'Sorry, your username and password are incorrect - please try again.';
const challengeMessage = 'Too many failed logins for this user: type the characters in the image and your password to log in.';
const wrongAnswerMessage = 'The characters you typed do not match the image. Type the characters of the new image and your password again.';
const missingAnswerMessage = 'The characters from the image are missing. Type the characters shown in the image, and your password again.';

/**
 * The flavour's login and logout pages. A successful login always starts a new session
 * (a new id), so a session id planted before login is worthless. After too many failed
 * logins the form shows an image challenge that must be answered along with the password.
 */
export function addLoginPages(router: Router<HostState>, deps: LoginPageDependencies): void {
  const { flavour, renderer } = deps;

  router.get(flavour.paths.login, async (ctx) => {
    await renderer.render(ctx, 'login', { title: 'Log in' }, { destination: safeDestination(ctx.query.os_destination), username: '' });
  });

  router.post(flavour.paths.login, async (ctx) => {
    const form = formOf(ctx);
    const username = formField(form, 'os_username').trim();
    const password = formField(form, 'os_password');
    const destination = safeDestination(formField(form, 'os_destination'));
    const showError = async (message: string, status: number, withChallenge: boolean) => {
      const captcha = withChallenge ? deps.challenges.create(xsrfTokenFor(ctx)) : undefined;
      await renderer.render(ctx, 'login', { title: 'Log in', status }, { destination, username, error: message, captcha });
    };

    const captchaId = formField(form, 'captcha_id');
    if (username === '' || password === '') {
      await showError('Enter your username and password.', 400, captchaId !== '');
      return;
    }

    if (captchaId !== '' && formField(form, 'os_captcha').trim() === '') {
      // Like an empty password, an empty answer is an incomplete form: it does not count as a failed login.
      await showError(missingAnswerMessage, 400, true);
      return;
    }

    let challengePassed = false;
    if (captchaId !== '') {
      challengePassed = deps.challenges.verify(captchaId, xsrfTokenFor(ctx), formField(form, 'os_captcha'));
      if (!challengePassed) {
        // A wrong answer is a denied login: it counts, and the password is not checked.
        const current = await deps.counters.recordFailure(username);
        deps.securityLog.info(`Web login denied for ${loggableName(username)}: wrong or expired CAPTCHA answer, ${current ?? 'no'} failed logins`);
        await showError(wrongAnswerMessage, 403, true);
        return;
      }
    }

    const outcome = await deps.passwords.checkPassword(username, password, { channel: 'the login form', challengePassed });
    if (outcome.kind !== 'authenticated') {
      if (isCaptchaDenial(outcome)) await showError(challengeMessage, 403, true);
      else await showError(wrongCredentialsMessage, 401, outcome.challengeRequired);
      return;
    }
    await startSession(ctx, outcome.username, deps);
    deps.securityLog.info(`User ${outcome.username} logged in through the login form`);
    ctx.redirect(`${deps.baseUrl}${destination}`);
  });

  router.get(flavour.paths.logout, async (ctx) => {
    const session = ctx.state.session;
    if (session) {
      await deps.sessions.destroy(session.id);
      deps.securityLog.info(`User ${session.row.user_name} logged out`);
    }
    ctx.cookies.set(sessionCookieName, '', { expires: new Date(0), httpOnly: true, sameSite: 'lax', overwrite: true });
    ctx.state.user = undefined;
    ctx.state.session = undefined;
    await renderer.render(ctx, 'login', { title: 'Logged out' }, { destination: '/', username: '', info: 'You are now logged out.' });
  });
}

export async function startSession(ctx: PageContext, username: string, deps: Pick<LoginPageDependencies, 'sessions' | 'baseUrl'>): Promise<void> {
  if (ctx.state.session) await deps.sessions.destroy(ctx.state.session.id);
  const { id, session } = await deps.sessions.create(username);
  // Behind a proxy that terminates TLS the connection itself is plain HTTP, so an https base URL
  // also marks the cookie Secure. koa rejects that flag unless the cookie jar is marked secure first.
  const secure = ctx.secure || deps.baseUrl.startsWith('https:');
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(sessionCookieName, id, { httpOnly: true, sameSite: 'lax', secure, overwrite: true, path: '/' });
  ctx.state.session = { id, row: session };
}
