import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../db/schema.js';
import type { Caller } from './caller.js';
import { permissionsByRole } from './permissions.js';
import { removesLastOwner, userChangeProblem } from './user-rules.js';

const caller = (role: StaffRole, userId: number | null = 1): Caller => ({ actor: `user:${userId}:x`, role, userId, apiKeyId: null, permissions: permissionsByRole[role] });

describe('who may change whom', () => {
  it('lets an admin create a marketer', () => {
    expect(userChangeProblem(caller('admin'), null, { role: 'marketer' })).toBeNull();
  });

  it('stops an admin from creating an owner', () => {
    expect(userChangeProblem(caller('admin'), null, { role: 'owner' })).toMatch(/owner/);
  });

  it('stops an admin from changing an owner', () => {
    expect(userChangeProblem(caller('admin'), { userId: 2, role: 'owner' }, { disabled: true })).toMatch(/owner/);
  });

  it('lets an owner make another owner', () => {
    expect(userChangeProblem(caller('owner'), { userId: 2, role: 'admin' }, { role: 'owner' })).toBeNull();
  });

  it('stops anyone from disabling or demoting themselves', () => {
    expect(userChangeProblem(caller('owner', 1), { userId: 1, role: 'owner' }, { disabled: true })).toMatch(/yourself/);
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { role: 'analyst' })).toMatch(/own role/);
  });

  it('sends an owner who wants another role to another owner, since no admin may change an owner', () => {
    expect(userChangeProblem(caller('owner', 1), { userId: 1, role: 'owner' }, { role: 'admin' })).toBe('You cannot change your own role; ask another owner.');
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { role: 'marketer' })).toBe('You cannot change your own role; ask another owner or admin.');
  });

  it('lets people rename themselves', () => {
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { name: 'Ana' })).toBeNull();
  });
});

describe('last owner', () => {
  const owner = { role: 'owner' as const, isDisabled: false };
  it('refuses to disable or demote the only active owner', () => {
    expect(removesLastOwner(owner, { disabled: true }, 1)).toBe(true);
    expect(removesLastOwner(owner, { role: 'admin' }, 1)).toBe(true);
  });

  it('allows it when another active owner remains', () => {
    expect(removesLastOwner(owner, { disabled: true }, 2)).toBe(false);
  });

  it('does not care about renaming or about non-owners', () => {
    expect(removesLastOwner(owner, { name: 'x' }, 1)).toBe(false);
    expect(removesLastOwner({ role: 'admin', isDisabled: false }, { disabled: true }, 1)).toBe(false);
  });
});
