import { coreServices, definePlugin, webLocations } from '@plughost/sdk';
import { AdminConfiguration } from './admin/admin-configuration.js';
import { LastUseRecorder } from './authentication/last-use-recorder.js';
import { authenticationLoggerName, loggableName, pluginLoggerName } from './authentication/log-names.js';
import { TokenAuthenticator } from './authentication/token-authenticator.js';
import { TokenChecker } from './authentication/token-check.js';
import { createClientAddressPolicyCache } from './client-address/client-address-policy.js';
import { createClientAddressPage } from './pages/client-address-page.js';
import { adminPagePath, createAdminPage } from './pages/admin-page.js';
import { OneTimeTokenStore } from './pages/one-time-token-store.js';
import { createTokensPage, tokensPagePath } from './pages/tokens-page.js';
import { createLegacyPermissionsUpgrade } from './permissions/legacy-permissions-upgrade.js';
import { PermissionChecker } from './permissions/permission-checker.js';
import { createSettingsAdminRoutes } from './rest/settings-admin-routes.js';
import { createTokenResources } from './rest/token-resources.js';
import { SettingsStore } from './settings/settings-store.js';
import { TokenAudit } from './tokens/token-audit.js';
import { TokenRepository } from './tokens/token-repository.js';
import { tokenMigrations, type PluginTables } from './tokens/token-schema.js';
import { TokenService } from './tokens/token-service.js';

/**
 * The API Token Authentication plugin: users create tokens and use them in place of their
 * password for REST calls, with Basic `username:token` or `Bearer <token>`.
 */
export default definePlugin({
  deps: {
    users: coreServices.users,
    audit: coreServices.audit,
    loggers: coreServices.loggers,
    settings: coreServices.settings,
    database: coreServices.database,
    clock: coreServices.clock,
  },
  async init({ users, audit, loggers, settings, database, clock }, modules) {
    const log = loggers.getLogger(pluginLoggerName);
    await database.migrate(tokenMigrations);
    const repository = new TokenRepository(database.getKysely<PluginTables>());

    const store = new SettingsStore(settings, users.adminGroup);
    await store.load();
    modules.addUpgradeTask(createLegacyPermissionsUpgrade(settings, store, users.adminGroup, log));
    const permissions = new PermissionChecker(users, store);
    const tokens = new TokenService(repository, users, permissions, store, new TokenAudit(audit), clock);

    const checker = new TokenChecker(repository, users, permissions, store, clock);
    const authLog = loggers.getLogger(authenticationLoggerName);
    const addressPolicy = createClientAddressPolicyCache(() => store.getSettings());
    modules.addAuthenticator(new TokenAuthenticator(checker, store, new LastUseRecorder(repository, clock, authLog), authLog, addressPolicy));
    const tokenResource = createTokenResources(tokens);
    const configuration = new AdminConfiguration({ store, users, audit, log });
    const settingsRoutes = createSettingsAdminRoutes({ configuration, addressPolicy });
    modules.addRestResource({ ...tokenResource, routes: [...tokenResource.routes, ...settingsRoutes] });
    modules.addPage(createTokensPage(tokens, new OneTimeTokenStore(clock)));
    modules.addPage(createClientAddressPage(addressPolicy, store));
    modules.addPage(createAdminPage(configuration, users));
    modules.addWebItem({
      key: 'apitokenauth-admin',
      location: webLocations.userAdminSection,
      label: 'API Token Authentication',
      url: `/plugins/servlet/${adminPagePath}`,
      weight: 60,
      condition: 'admin',
    });
    modules.addWebItem({
      key: 'apitokenauth-user-tokens',
      location: webLocations.userMenu,
      label: 'API Token Authentication',
      url: `/plugins/servlet/${tokensPagePath}`,
      weight: 40,
      condition: async ({ user }) => user !== undefined && (await permissions.hasAny(user.name)),
    });

    const unsubscribe = users.onUserEvent(async (event) => {
      if (event.type !== 'deleted') return;
      const count = await tokens.deleteForRemovedUser(event.username);
      if (count > 0) log.info(`Deleted ${count} API tokens of the removed user ${loggableName(event.username)}`);
    });
    modules.onStop(unsubscribe);

    const orphaned = await tokens.deleteForMissingUsers();
    if (orphaned > 0) log.info(`Deleted ${orphaned} API tokens of users removed while the app was disabled`);
  },
});
