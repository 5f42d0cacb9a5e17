import { describe, expect, it } from 'vitest';
import { canGrantScopes, permissions, permissionsByRole, permissionsOfRole, permissionsOfScopes, roleHasPermission, rolesWithPermission, scopesHavePermission, scopesInEffect, scopesWithPermission, type Permission } from './permissions.js';

describe('role permissions', () => {
  const cases: Array<[Parameters<typeof roleHasPermission>[0], Permission, boolean]> = [
    ['owner', 'users:manage', true],
    ['admin', 'users:manage', true],
    ['admin', 'audit:read', true],
    ['marketer', 'ingest:write', true],
    ['marketer', 'users:manage', false],
    ['marketer', 'customers:merge', false],
    ['agent', 'customers:write', true],
    ['agent', 'ingest:write', false],
    ['agent', 'analytics:write', false],
    ['analyst', 'customers:read', true],
    ['analyst', 'analytics:read', true],
    ['analyst', 'customers:write', false],
    ['analyst', 'settings:write', false],
  ];
  it.each(cases)('gives %s the %s permission: %s', (role, permission, expected) => {
    expect(roleHasPermission(role, permission)).toBe(expected);
  });

  it('lets every role manage its own account', () => {
    for (const role of Object.keys(permissionsByRole) as Array<keyof typeof permissionsByRole>) expect(roleHasPermission(role, 'account:manage')).toBe(true);
  });

  it('lists a role’s permissions in the canonical order', () => {
    expect(permissionsOfRole('owner')).toEqual([...permissions]);
    expect(permissionsOfRole('analyst')).toEqual(['account:manage', 'customers:read', 'analytics:read']);
  });
});

describe('who has a permission', () => {
  it('lists the roles and scopes granting it, in their listed order', () => {
    expect(rolesWithPermission('customers:merge')).toEqual(['owner', 'admin']);
    expect(rolesWithPermission('customers:write')).toEqual(['owner', 'admin', 'marketer', 'agent']);
    expect(scopesWithPermission('customers:write')).toEqual(['write', 'admin']);
    expect(scopesWithPermission('account:manage')).toEqual([]);
  });

  // exporting a customer's data was checked as customers:merge: its own permission changed no one's access
  it('gives exporting everything held about a customer to exactly those who may erase them', () => {
    expect(rolesWithPermission('customers:export')).toEqual(rolesWithPermission('customers:merge'));
    expect(rolesWithPermission('customers:export')).toEqual(['owner', 'admin']);
    expect(scopesWithPermission('customers:export')).toEqual(scopesWithPermission('customers:merge'));
    expect(scopesWithPermission('customers:export')).toEqual(['admin']);
  });

  it('leaves overriding a recorded consent refusal to owners, admins and admin keys: not a marketer nor a feed\'s ingest key', () => {
    expect(rolesWithPermission('consent:override')).toEqual(['owner', 'admin']);
    expect(scopesWithPermission('consent:override')).toEqual(['admin']);
    expect(scopesHavePermission(['ingest', 'write'], 'consent:override')).toBe(false);
  });
});

describe('API key scopes', () => {
  it('lets an ingest key import and nothing else', () => {
    expect(scopesHavePermission(['ingest'], 'ingest:write')).toBe(true);
    expect(scopesHavePermission(['ingest'], 'customers:read')).toBe(false);
  });

  it('never grants account:manage, even with the admin scope', () => {
    expect(scopesHavePermission(['admin'], 'account:manage')).toBe(false);
    expect(scopesHavePermission(['admin'], 'users:manage')).toBe(true);
  });

  it('ignores unknown scopes rather than failing', () => {
    expect(scopesHavePermission(['root'], 'customers:read')).toBe(false);
    expect(permissionsOfScopes(['root', 'read'])).toEqual(new Set(['customers:read', 'analytics:read']));
  });

  it('reads like the analyst role: the audit log needs the audit scope', () => {
    expect(scopesHavePermission(['read'], 'audit:read')).toBe(false);
    expect(roleHasPermission('analyst', 'audit:read')).toBe(false);
    expect(scopesHavePermission(['audit'], 'audit:read')).toBe(true);
    expect(scopesHavePermission(['audit'], 'customers:read')).toBe(false);
  });

  const inEffect: Array<[Parameters<typeof scopesInEffect>[1], string[], string[]]> = [
    [null, ['admin', 'read', 'root'], ['admin', 'read']],
    ['admin', ['admin', 'audit'], ['admin', 'audit']],
    ['marketer', ['admin', 'read', 'ingest', 'write', 'audit'], ['read', 'ingest', 'write']],
    ['agent', ['read', 'ingest', 'write'], ['read']],
    ['analyst', ['admin'], []],
  ];
  it.each(inEffect)('keeps, for a key made by %s with %j, the scopes %j', (creatorRole, scopes, expected) => {
    expect(scopesInEffect(scopes, creatorRole)).toEqual(expected);
  });

  it('refuses to let a caller grant permissions it does not hold', () => {
    expect(canGrantScopes(permissionsByRole.admin, ['admin', 'read'])).toBe(true);
    expect(canGrantScopes(permissionsOfScopes(['admin']), ['admin'])).toBe(true);
    expect(canGrantScopes(permissionsOfScopes(['read']), ['ingest'])).toBe(false);
  });
});
