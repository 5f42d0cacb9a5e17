import type { Permission } from '../auth/permissions.js';
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
