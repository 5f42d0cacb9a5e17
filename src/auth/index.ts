export { recordAudit, listAuditEvents, type AuditEntry, type AuditEvent, type AuditQuery } from './audit.js';
export { checkOwnerSettings, ensureOwner, type OwnerBootstrap } from './owner-bootstrap.js';
export { listActiveOwnerEmails } from './users.repo.js';
export { createStaffUser, listUsers, findUser, resetStaffPassword, updateUser, type NewStaffUser } from './users.service.js';
export { changeOwnPassword, setOwnLocale } from './account.service.js';
export { signIn, signOut, createSession, authenticateSession, type NewSession, type SessionCheck } from './sessions.service.js';
export { createApiKey, listApiKeys, revokeApiKey, authenticateApiKey, type ApiKey, type ApiKeyCheck } from './api-keys.service.js';
export { apiKeyActor, shellCaller, userActor, type Caller } from './caller.js';
export { actorForDisplay, type ActorShown } from './actor-display.js';
export { locales, normalizeEmail, type Locale, type StaffUser } from './staff-user.js';
export { bearerTokenOf, parseApiKey, formatApiKey } from './api-key-format.js';
export { sessionCookieName, sessionCookieOptions, isSafeMethod } from './session-policy.js';
export { constantTimeEqual } from './tokens.js';
export * as authErrors from './auth.errors.js';
export {
  apiKeyScopes,
  isApiKeyScope,
  isStaffRole,
  permissions,
  permissionsByRole,
  permissionsByScope,
  permissionsOfRole,
  permissionsOfScopes,
  roleHasPermission,
  roles,
  scopesHavePermission,
  type ApiKeyScope,
  type Permission,
} from './permissions.js';
