import type Router from '@koa/router';
import type { Logger } from '@plughost/sdk';
import type { HostState } from '../../server/host-state.js';
import type { CaptchaChallenges } from './captcha-challenges.js';

/**
 * `GET /rest/plughost/1.0/test/captcha/{id}` returns a challenge's expected answer, so tests
 * can complete the CAPTCHA login. Mounted only with `--test-clock`, like the test clock route.
 */
export function addCaptchaTestRoute(router: Router<HostState>, challenges: CaptchaChallenges, log: Logger): void {
  log.warn('The test clock is on: anyone can read CAPTCHA answers through /rest/plughost/1.0/test/captcha');
  router.get('/rest/plughost/1.0/test/captcha/:id', (ctx) => {
    const answer = challenges.peekAnswer(ctx.params.id ?? '');
    if (answer === undefined) {
      ctx.status = 404;
      ctx.body = { errorMessages: ['No open CAPTCHA challenge has this id: it was answered, expired or never created.'], errors: {} };
      return;
    }
    ctx.body = { answer };
  });
}
