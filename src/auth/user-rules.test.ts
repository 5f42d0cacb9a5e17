import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../db/schema.js';
import { effectiveUserChange, passwordResetProblem, removesLastOwner, userChangeProblem, type RuleCaller } from './user-rules.js';

const caller = (role: StaffRole, userId: number | null = 1): RuleCaller => ({ role, userId });
// keys reaching the users routes act as admins (caller-of.ts), whatever their creator's role
const keyOf = (creatorId: number | null): RuleCaller => ({ role: 'admin', apiKeyId: 7, keyCreatorId: creatorId });

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
    expect(userChangeProblem(caller('owner', 1), { userId: 1, role: 'owner' }, { disabled: true })).toBe('You cannot disable yourself; ask another owner.');
  });

  it('sends an admin to an owner or another admin: an admin is not an owner, so not "another owner"', () => {
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { role: 'marketer' })).toBe('You cannot change your own role; ask an owner or another admin.');
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { disabled: true })).toBe('You cannot disable yourself; ask an owner or another admin.');
  });

  it('tells an admin who would make themselves owner to ask an owner', () => {
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { role: 'owner' })).toBe('You cannot change your own role; ask an owner.');
  });

  it('lets people rename themselves', () => {
    expect(userChangeProblem(caller('admin', 1), { userId: 1, role: 'admin' }, { name: 'Ana' })).toBeNull();
  });
});

describe('what an API key may do to the staff member who created it', () => {
  it.each([
    ['disable an admin creator', { userId: 1, role: 'admin' as const }, { disabled: true }, /acts for user #1, who created it, and cannot disable them.*ask an owner or another admin to do it/],
    ['demote an admin creator', { userId: 1, role: 'admin' as const }, { role: 'analyst' as const }, /acts for user #1, who created it, and cannot change their role.*ask an owner or another admin to do it/],
    ['disable an owner creator', { userId: 1, role: 'owner' as const }, { disabled: true }, /cannot disable them.*ask another owner to do it/],
  ])('refuses to %s, as the creator could not signed in', (_, target, change, message) => {
    expect(userChangeProblem(keyOf(1), target, change)).toMatch(message);
  });

  it("refuses to reset its creator's password, pointing to the password change, and leaves other staff and renaming to it", () => {
    expect(passwordResetProblem(keyOf(1), { userId: 1, role: 'admin' })).toMatch(/cannot reset their password.*POST \/api\/auth\/password/);
    expect(passwordResetProblem(keyOf(1), { userId: 1, role: 'admin' })).toMatch(/, or an owner or another admin resets it\.$/);
    expect(passwordResetProblem(keyOf(1), { userId: 1, role: 'owner' })).toMatch(/, or another owner resets it\.$/);
    expect(passwordResetProblem(keyOf(1), { userId: 2, role: 'admin' })).toBeNull();
    expect(userChangeProblem(keyOf(1), { userId: 1, role: 'admin' }, { name: 'Ana' })).toBeNull();
    expect(userChangeProblem(keyOf(1), { userId: 2, role: 'admin' }, { disabled: true })).toBeNull();
    expect(userChangeProblem(keyOf(null), { userId: 1, role: 'admin' }, { role: 'agent' })).toBeNull();
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

describe('the part of a change that changes something', () => {
  const current = { role: 'agent' as const, isDisabled: true, name: 'Ops' };
  it.each([
    [{ disabled: true }, {}],
    [{ disabled: false }, { disabled: false }],
    [{ role: 'agent' as const, name: 'Ops' }, {}],
    [{ role: 'analyst' as const, name: 'Ops', disabled: true }, { role: 'analyst' }],
    [{ name: 'Ops Team' }, { name: 'Ops Team' }],
  ])('keeps of %o only %o', (change, effective) => {
    expect(effectiveUserChange(current, change)).toEqual(effective);
  });
});
