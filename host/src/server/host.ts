import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from '@plughost/sdk';
import type { HostAuditService } from '../audit/audit-service.js';
import { createAuditService, installAudit } from '../audit/install-audit.js';
import { AuthenticatorChain } from '../auth/authenticator-chain.js';
import { authenticateRequest } from '../auth/authenticate-request.js';
import { PasswordAuthenticator } from '../auth/password-authenticator.js';
import { createPluginSystem } from '../plugins/install-plugins.js';
import { PluginEvents } from '../plugins/plugin-events.js';
import { SessionStore } from '../auth/session-store.js';
import { defaultBaseUrl, type HostOptions } from '../config/options.js';
import { openHostDatabase, type HostDatabase } from '../db/database.js';
import { registerBodySecrets } from '../logging/body-secrets.js';
import { createLoggingLevels, installLogging } from '../logging/install-logging.js';
import { createHostLogging, type HostLogging } from '../logging/logger-factory.js';
import { requestLog } from '../logging/request-log.js';
import type { LoggingLevels } from '../logging/logging-levels.js';
import { flavourOf, type Flavour } from '../product/flavours.js';
import { addGroupResources } from '../rest/group-resources.js';
import type { AdminRestGate } from '../rest/rest-access.js';
import { addUserResources } from '../rest/user-resources.js';
import { CaptchaChallenges } from '../security/captcha/captcha-challenges.js';
import { HostSettings } from '../security/host-settings.js';
import { installSecurity } from '../security/install-security.js';
import { restXsrfCheck } from '../security/rest-xsrf.js';
import { ensureDefaultDirectory } from '../users/bootstrap.js';
import { FailedLoginReset } from '../users/failed-login-reset.js';
import { LoginCounters } from '../users/login-counters.js';
import { UserDirectory } from '../users/user-directory.js';
import { DirectoryEvents } from '../users/user-events.js';
import { addFaviconRoutes } from '../web/favicon.js';
import { addHostNavigation } from '../web/host-navigation.js';
import { Navigation } from '../web/navigation.js';
import { checkFormToken, requireAdmin, type AdminGate } from '../web/page-guards.js';
import { addLoginPages } from '../web/pages/login-page.js';
import { addUserAdminPages } from '../web/pages/user-admin-pages.js';
import { PageRenderer } from '../web/renderer.js';
import { errorHandler } from './error-handler.js';
import { HostClock } from './host-clock.js';
import { isRestPath, type HostState } from './host-state.js';
import { requestContextMiddleware } from './request-context-middleware.js';
import { addStatusRoute, type HostLifecycleState } from './status.js';
import { addTestClockRoute } from './test-clock-route.js';

/** The services of a running host, shared by its routes and, through the SDK, by plugins. */
export interface HostServices {
  readonly options: HostOptions;
  /** Public URL without a trailing slash, for example `http://127.0.0.1:2990`. */
  readonly baseUrl: string;
  readonly flavour: Flavour;
  readonly clock: HostClock;
  readonly database: HostDatabase;
  readonly logging: HostLogging;
  /** Logging levels as the logging page and REST resource change them, with persistence. */
  readonly loggingLevels: LoggingLevels;
  readonly audit: HostAuditService;
  readonly users: UserDirectory;
  readonly counters: LoginCounters;
  /** The admin action "Reset failed login count", which also publishes the directory event. */
  readonly failedLogins: FailedLoginReset;
  readonly sessions: SessionStore;
  readonly settings: HostSettings;
  readonly chain: AuthenticatorChain;
  readonly passwords: PasswordAuthenticator;
  /** Image challenges for password logins after too many failures. */
  readonly captchaChallenges: CaptchaChallenges;
  readonly navigation: Navigation;
  readonly renderer: PageRenderer;
  /** Checks every admin page passes after the admin-group check, in order. */
  readonly adminPageGates: AdminGate[];
  /** Checks every admin REST call passes after the admin-group check, in order. */
  readonly adminRestGates: AdminRestGate[];
  /** Plugin installs, enables, disables and uninstalls, for listeners such as the audit log. */
  readonly pluginEvents: PluginEvents;
  readonly log: Logger;
  readonly securityLog: Logger;
}

export interface RunningHost {
  readonly services: HostServices;
  /** Base URL of the listening server, for example `http://127.0.0.1:2990`. */
  readonly url: string;
  readonly server: http.Server;
  /** Stops accepting, finishes requests in flight, closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Writes lines meant for the person who started the host (the initial admin password). */
  readonly print?: (line: string) => void;
  /** Also write log lines to the console. Default true. */
  readonly consoleLog?: boolean;
}

/** Starts the host: database, services, HTTP server, first-run data; `/status` returns RUNNING when done. */
export async function startHost(options: HostOptions, startOptions: StartOptions = {}): Promise<RunningHost> {
  const print = startOptions.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = new HostClock();
  const now = () => clock.now();
  const logging = createHostLogging({ dataDir: options.dataDir, console: startOptions.consoleLog ?? true, clock: now });
  const log = logging.loggers.getLogger('com.plughost.host');
  const securityLog = logging.loggers.getLogger('com.plughost.security');
  const state: { value: HostLifecycleState } = { value: 'STARTING' };

  log.info(`Starting the ${options.product} flavour with data in ${options.dataDir}`);
  const database = await openHostDatabase(options.dataDir);
  const flavour = flavourOf(options.product);
  // Listen before the services exist, so the real port (with --port 0) is known for the base URL.
  let handler: http.RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
    res.end(JSON.stringify({ state: state.value }));
  };
  const server = http.createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.listen, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = defaultBaseUrl(address.address, address.port);
  const baseUrl = options.baseUrl ?? url;
  log.info(`Listening on ${url}`);

  const events = new DirectoryEvents((error, event) => log.error(`A listener of ${event.type} failed`, error));
  const users = new UserDirectory(database.db, flavour, events, now);
  const counters = new LoginCounters(database.db, now);
  const failedLogins = new FailedLoginReset(counters, events);
  const sessions = new SessionStore(database.db, now);
  const settings = new HostSettings(database.db);
  await settings.load();
  const passwords = new PasswordAuthenticator(users, counters, settings, securityLog);
  const chain = new AuthenticatorChain(passwords);
  const captchaChallenges = new CaptchaChallenges(now);
  const navigation = new Navigation(users);
  const renderer = new PageRenderer(flavour, baseUrl, navigation, users);
  const audit = createAuditService(database.db, settings, now, log);
  const loggingLevels = await createLoggingLevels(logging, database.db, audit);

  const services: HostServices = {
    options, baseUrl, flavour, clock, database, logging, loggingLevels, audit, users, counters, failedLogins, sessions, settings, chain, passwords,
    captchaChallenges, navigation, renderer, adminPageGates: [], adminRestGates: [], log, securityLog,
    pluginEvents: new PluginEvents((error, event) => log.error(`A listener of ${event.type} for ${event.key} failed`, error)),
  };
  const plugins = createPluginSystem(services);

  const app = new Koa<HostState>();
  app.silent = true;
  app.on('error', (error: unknown) => log.error('Koa reported an error outside a request', error));
  // Case-sensitive, as Jira's servlet paths are: `/REST/...` must not reach a REST route while
  // the REST checks (XSRF, plugin authenticators) look for the lower-case `/rest/` prefix.
  const router = new Router<HostState>({ sensitive: true });

  app.use(requestContextMiddleware(now));
  app.use(requestLog(logging.loggers.getLogger('com.plughost.host.request')));
  addStatusRoute(app, state);
  app.use(errorHandler(log, (ctx, status, title, message) => renderer.render(ctx, 'error', { title, status }, { title, message })));
  app.use(bodyParser({ enableTypes: ['json', 'form', 'text'], jsonLimit: '1mb', formLimit: '1mb', textLimit: '1mb' }));
  app.use(registerBodySecrets());
  app.use(authenticateRequest({ chain, sessions, users, counters, securityLog, passwordAuthenticatorName: passwords.name, productName: flavour.name, loginUrl: `${baseUrl}${flavour.paths.login}` }));
  app.use(plugins.parseUploads);
  app.use(restXsrfCheck());
  const formToken = checkFormToken(renderer);
  app.use(async (ctx, next) => (isRestPath(ctx.path) ? next() : formToken(ctx, next)));
  app.use(plugins.dispatch);

  const adminPage = requireAdmin(flavour, baseUrl, users, renderer, () => services.adminPageGates);
  addLoginPages(router, { flavour, baseUrl, renderer, passwords, counters, sessions, challenges: captchaChallenges, securityLog });
  addHostNavigation(navigation, flavour);
  router.get('/', async (ctx) => renderer.render(ctx, 'home', { title: flavour.name }));
  addFaviconRoutes(router);
  router.get(flavour.paths.adminHome, adminPage, async (ctx) => renderer.render(ctx, 'admin/home', { title: 'Administration', admin: true }));
  addUserAdminPages(router, { flavour, baseUrl, users, settings, renderer, adminPage, failedLogins });
  addUserResources(router, users, baseUrl, () => services.adminRestGates, flavour.id === 'confluence');
  addGroupResources(router, users, baseUrl, () => services.adminRestGates);
  installSecurity(services, router);
  installAudit(services, router, adminPage);
  installLogging(services, router, adminPage);
  plugins.addRoutes(router);
  if (options.testClock) addTestClockRoute(router, clock, log);
  app.use(router.routes());
  app.use(router.allowedMethods());

  handler = app.callback();

  try {
    await ensureDefaultDirectory(users, flavour, options.dataDir, options.adminPassword, log, print);
  } catch (error) {
    server.close();
    await database.close();
    throw error;
  }
  await plugins.start();
  state.value = 'RUNNING';
  log.info(`${flavour.name} flavour is running at ${baseUrl}`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      state.value = 'STOPPING';
      log.info('Stopping: no new connections, finishing requests in flight');
      await new Promise<void>((resolve) => {
        // A keep-alive connection becomes idle only after the response to its request in flight
        // is sent. Closing idle connections until the server closes keeps shutdown from waiting
        // for keepAliveTimeout.
        const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(closeIdle);
          resolve();
        });
        server.closeIdleConnections();
      });
      await plugins.stop();
      await audit.flush();
      await database.close();
      log.info('Stopped');
      await logging.close();
    })();
    return stopping;
  };

  return { services, url, server, stop };
}
