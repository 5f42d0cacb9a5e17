import type { StaffRole } from '../db/schema.js';

/** What a route may require. Roles and API-key scopes both grant permissions. */
export const permissions = [
  'account:manage',
  'customers:read',
  'customers:write',
  'customers:merge',
  'customers:export',
  'ingest:write',
  'consent:override',
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
 * analytics; admins and the owner run the store (users, keys, settings, merges, audit), alone
 * export everything held about a customer (`customers:export`, the roles that may erase a person
 * with `customers:merge`: no one else may take it all at once), and alone may import a file as the consent authority, whose yes replaces a customer's recorded no
 * (`consent:override`): a marketer's or a feed's import leaves a refusal standing.
 */
export const permissionsByRole: Record<StaffRole, ReadonlySet<Permission>> = {
  owner: new Set(permissions),
  admin: new Set(permissions),
  marketer: new Set<Permission>(['account:manage', ...readOnly, 'customers:write', 'ingest:write', 'analytics:write']),
  agent: new Set<Permission>(['account:manage', ...readOnly, 'customers:write']),
  analyst: new Set<Permission>(['account:manage', ...readOnly]),
};

export const apiKeyScopes = ['read', 'ingest', 'write', 'audit', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (apiKeyScopes as readonly string[]).includes(value);
}

/**
 * Scopes for machine clients: `ingest` for a shop's order feed, `read` for a BI
 * tool. `read` matches the analyst role and so leaves out the audit log (staff
 * emails, sign-in addresses); a log collector gets the separate `audit` scope.
 * No scope grants `account:manage`: a key has no account, password or locale. Only `admin` grants
 * `consent:override`: a shop feed's `ingest` key cannot replace a customer's recorded refusal.
 */
export const permissionsByScope: Record<ApiKeyScope, ReadonlySet<Permission>> = {
  read: new Set<Permission>(readOnly),
  ingest: new Set<Permission>(['ingest:write']),
  write: new Set<Permission>(['customers:write', 'analytics:write']),
  audit: new Set<Permission>(['audit:read']),
  admin: new Set(permissions.filter((permission) => permission !== 'account:manage')),
};

export function roleHasPermission(role: StaffRole, permission: Permission): boolean {
  return permissionsByRole[role].has(permission);
}

/** The roles that grant `permission`, in the order roles are listed: what a refusal tells the caller to ask. */
export function rolesWithPermission(permission: Permission): StaffRole[] {
  return roles.filter((role) => permissionsByRole[role].has(permission));
}

/** The API-key scopes that grant `permission`. */
export function scopesWithPermission(permission: Permission): ApiKeyScope[] {
  return apiKeyScopes.filter((scope) => permissionsByScope[scope].has(permission));
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

/**
 * The scopes of a key that are in effect now. A key acts for the staff member
 * who created it, so it keeps only the scopes that person could grant today:
 * its permissions never exceed both its scopes and the creator's current role.
 * `creatorRole` null means the key was made from the shell, which acts as an owner.
 */
export function scopesInEffect(scopes: readonly string[], creatorRole: StaffRole | null): ApiKeyScope[] {
  const granted = permissionsByRole[creatorRole ?? 'owner'];
  return scopes.filter(isApiKeyScope).filter((scope) => canGrantScopes(granted, [scope]));
}

/** Listed in a fixed order so clients (and snapshots) see a stable array. */
export function permissionsOfRole(role: StaffRole): Permission[] {
  return permissions.filter((permission) => permissionsByRole[role].has(permission));
}
