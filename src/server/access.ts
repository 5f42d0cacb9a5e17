import { roleHasPermission, scopesHavePermission, type Permission } from '../auth/permissions.js';
import { apiKeyScopeSuspended, permissionForbidden } from '../auth/auth.errors.js';
import type { StaffRole } from '../db/schema.js';

/** Every route declares its access; a route without one is refused at start-up. */
export type RouteAccess = 'public' | { permission: Permission };

export type Principal =
  | { kind: 'user'; userId: number; email: string; name: string; role: StaffRole; locale: string | null; sessionHash: string; csrfToken: string; actor: string }
  | {
    kind: 'api-key';
    apiKeyId: number;
    name: string;
    /** The scopes in effect: those granted that the creator's current role still covers. */
    scopes: string[];
    /** Granted scopes the creator's role no longer covers, so a refusal can say why rather than show "(none)". */
    suspendedScopes: string[];
    actor: string;
  };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function actorOf(principal: Principal | null): string {
  return principal?.actor ?? 'system';
}

/** Whether the caller holds `permission`: for what a route shows rather than whether it answers. */
export function principalHasPermission(principal: Principal | null, permission: Permission): boolean {
  if (!principal) return false;
  return principal.kind === 'api-key' ? scopesHavePermission(principal.scopes, permission) : roleHasPermission(principal.role, permission);
}

/**
 * Refuses a caller without `permission`, naming it and what the caller holds: the edge's check of
 * every route (plugins/authenticate.ts), and a route's own when the permission it needs depends on
 * what it acts on.
 */
export function requirePermission(principal: Principal | null, permission: Permission): void {
  if (!principal) throw permissionForbidden(permission, 'an anonymous caller', 'anonymous');
  if (principal.kind === 'api-key') {
    if (!scopesHavePermission(principal.scopes, permission)) {
      const suspended = principal.suspendedScopes.filter((scope) => scopesHavePermission([scope], permission));
      if (suspended.length > 0) throw apiKeyScopeSuspended(permission, suspended);
      throw permissionForbidden(permission, `an API key with scope ${principal.scopes.map((scope) => `"${scope}"`).join(', ') || '(none)'}`, 'api-key');
    }
    return;
  }
  if (!roleHasPermission(principal.role, permission)) throw permissionForbidden(permission, `your role "${principal.role}"`, 'staff');
}
