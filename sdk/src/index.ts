export { createServiceRef } from './service-ref.js';
export type { ServiceRef, ServiceOf } from './service-ref.js';
export { coreServices } from './core-services.js';
export type { HostInfo } from './core-services.js';
export { definePlugin } from './define-plugin.js';
export type { DependencyRefs, InjectedServices, PluginDefinition, PluginOptions } from './define-plugin.js';
export {
  PlughostError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
  AuthenticationError,
} from './errors.js';
export type { PlughostErrorCode } from './errors.js';
export type { User, UserEvent, UserService } from './services/users.js';
export type { AuditAffectedObject, AuditChangedValue, AuditEventInput, AuditService } from './services/audit.js';
export type { LogLevel, Logger, LoggerFactory } from './services/logger.js';
export type { PluginSettings } from './services/settings.js';
export type { Clock } from './services/clock.js';
export type { PluginDatabase } from './services/database.js';
export { precompiledQuery } from './database/precompiled-query.js';
export type { PrecompiledQuery } from './database/precompiled-query.js';
export type { PluginRequest } from './modules/request.js';
export type { AuthenticationOutcome, AuthenticatorModule, RequestCredentials } from './modules/authenticator.js';
export type { RestAccess, RestRequest, RestResponse, RestRoute, RestResourceModule } from './modules/rest.js';
export type { PageAccess, PageModule, PageRequest, PageResult } from './modules/page.js';
export { webLocations } from './modules/web.js';
export type { WebCondition, WebItemModule, WebSectionModule } from './modules/web.js';
export type { UpgradeTaskModule } from './modules/upgrade-task.js';
export type { ModuleRegistry } from './modules/registry.js';
