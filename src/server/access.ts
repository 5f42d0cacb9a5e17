import { roleHasPermission, scopesHavePermission, type Permission } from '../auth/permissions.js';
import { permissionForbidden } from '../auth/auth.errors.js';
import type { StaffRole } from '../db/schema.js';

/** Every route declares its access; a route without one is refused at start-up. */
export type RouteAccess = 'public' | { permission: Permission };

export type Principal =
  | { kind: 'user'; userId: number; email: string; name: string; role: StaffRole; locale: string; sessionHash: string; csrfToken: string; actor: string }
  | { kind: 'api-key'; apiKeyId: number; name: string; scopes: string[]; actor: string };

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

/**
 * Refuses a caller without `permission`, naming it and what the caller holds: the edge's check of
 * every route (plugins/authenticate.ts), and a route's own when the permission it needs depends on
 * what it acts on.
 */
export function requirePermission(principal: Principal | null, permission: Permission): void {
  if (!principal) throw permissionForbidden(permission, 'an anonymous caller');
  if (principal.kind === 'api-key') {
    if (!scopesHavePermission(principal.scopes, permission)) {
      throw permissionForbidden(permission, `an API key with scope ${principal.scopes.map((scope) => `"${scope}"`).join(', ') || '(none)'}`);
    }
    return;
  }
  if (!roleHasPermission(principal.role, permission)) throw permissionForbidden(permission, `your role "${principal.role}"`);
}
