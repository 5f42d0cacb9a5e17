import type { StaffRole } from '../db/schema.js';

/** What a route may require. Roles and API-key scopes both grant permissions. */
export const permissions = [
  'account:manage',
  'customers:read',
  'customers:write',
  'customers:merge',
  'ingest:write',
  'analytics:read',
  'analytics:write',
  'settings:write',
  'users:manage',
  'api-keys:manage',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['owner', 'admin', 'marketer', 'agent', 'analyst'] as const satisfies readonly StaffRole[];

export function isStaffRole(value: string): value is StaffRole {
  return (roles as readonly string[]).includes(value);
}

const readOnly: Permission[] = ['customers:read', 'analytics:read'];

/**
 * Who may do what. Everyone signed in manages their own account (`account:manage`:
 * me, password, locale, sign-out). An analyst reads; an agent serves customers
 * (edits contact details and consent); a marketer also imports and shapes
 * analytics; admins and the owner run the store (users, keys, settings, merges, audit).
 */
export const permissionsByRole: Record<StaffRole, ReadonlySet<Permission>> = {
  owner: new Set(permissions),
  admin: new Set(permissions),
  marketer: new Set<Permission>(['account:manage', ...readOnly, 'customers:write', 'ingest:write', 'analytics:write']),
  agent: new Set<Permission>(['account:manage', ...readOnly, 'customers:write']),
  analyst: new Set<Permission>(['account:manage', ...readOnly]),
};

export const apiKeyScopes = ['read', 'ingest', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (apiKeyScopes as readonly string[]).includes(value);
}

/**
 * Scopes for machine clients: `ingest` for a shop's order feed, `read` for a BI
 * tool. No scope grants `account:manage`: a key has no account, password or locale.
 */
export const permissionsByScope: Record<ApiKeyScope, ReadonlySet<Permission>> = {
  read: new Set<Permission>([...readOnly, 'audit:read']),
  ingest: new Set<Permission>(['ingest:write']),
  write: new Set<Permission>(['customers:write', 'analytics:write']),
  admin: new Set(permissions.filter((permission) => permission !== 'account:manage')),
};

export function roleHasPermission(role: StaffRole, permission: Permission): boolean {
  return permissionsByRole[role].has(permission);
}

export function scopesHavePermission(scopes: readonly string[], permission: Permission): boolean {
  return scopes.some((scope) => isApiKeyScope(scope) && permissionsByScope[scope].has(permission));
}

export function permissionsOfScopes(scopes: readonly string[]): Set<Permission> {
  return new Set(scopes.filter(isApiKeyScope).flatMap((scope) => [...permissionsByScope[scope]]));
}

/** Whether someone holding `granted` may hand out `scopes`: nobody grants more than they hold. */
export function canGrantScopes(granted: ReadonlySet<Permission>, scopes: readonly ApiKeyScope[]): boolean {
  return scopes.every((scope) => [...permissionsByScope[scope]].every((permission) => granted.has(permission)));
}

/** Listed in a fixed order so clients (and snapshots) see a stable array. */
export function permissionsOfRole(role: StaffRole): Permission[] {
  return permissions.filter((permission) => permissionsByRole[role].has(permission));
}
