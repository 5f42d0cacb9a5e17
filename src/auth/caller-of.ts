import type { Principal } from '../server/access.js';
import { authRequired } from './auth.errors.js';
import type { Caller } from './caller.js';
import { permissionsByRole, permissionsOfScopes } from './permissions.js';

/**
 * The service-level caller for an HTTP principal. A key reaching users or keys
 * routes holds the admin scope, so it acts within an admin's limits. A key
 * principal's scopes are those in effect (see `authenticateApiKey`).
 */
export function callerOf(principal: Principal | null): Caller {
  if (!principal) throw authRequired();
  if (principal.kind === 'user') return { actor: principal.actor, role: principal.role, userId: principal.userId, apiKeyId: null, permissions: permissionsByRole[principal.role] };
  return { actor: principal.actor, role: 'admin', userId: null, apiKeyId: principal.apiKeyId, permissions: permissionsOfScopes(principal.scopes) };
}

export function userPrincipalOf(principal: Principal | null): Extract<Principal, { kind: 'user' }> {
  if (principal?.kind !== 'user') throw authRequired('This needs a signed-in user, not an API key.');
  return principal;
}
