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
 * For a route whose needed permission depends on what it acts on (checked after the route's own
 * permission): refused as the edge refuses, with the permission named.
 */
export function requirePermission(principal: Principal | null, permission: Permission): void {
  if (!principal) throw permissionForbidden(permission, 'an anonymous caller');
  const holds = principal.kind === 'api-key' ? scopesHavePermission(principal.scopes, permission) : roleHasPermission(principal.role, permission);
  if (!holds) throw permissionForbidden(permission, principal.kind === 'api-key' ? 'this API key' : `your role "${principal.role}"`);
}
