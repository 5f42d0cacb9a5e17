import { describe, expect, it } from 'vitest';
import { assignableRoles, countActiveOwners, userControls, type TeamMember } from './user-controls.js';

const owner: TeamMember = { userId: 1, role: 'owner', disabledAt: null };
const secondOwner: TeamMember = { userId: 2, role: 'owner', disabledAt: null };
const admin: TeamMember = { userId: 3, role: 'admin', disabledAt: null };
const analyst: TeamMember = { userId: 4, role: 'analyst', disabledAt: null };
const disabledAgent: TeamMember = { userId: 5, role: 'agent', disabledAt: '2026-12-01T10:00:00.000Z' };

describe('userControls', () => {
  it('lets an owner change anyone else, offering every role', () => {
    expect(userControls(owner, analyst, 1)).toEqual({ roles: ['owner', 'admin', 'marketer', 'agent', 'analyst'], canDisable: true, canEnable: false, canResetPassword: true, lockReason: null });
    expect(userControls(owner, disabledAgent, 1)).toMatchObject({ canDisable: false, canEnable: true, canResetPassword: false });
  });

  it('keeps an admin off owners and off making owners', () => {
    expect(userControls(admin, owner, 2)).toEqual({ roles: [], canDisable: false, canEnable: false, canResetPassword: false, lockReason: 'ownerOnly' });
    expect(userControls(admin, analyst, 1).roles).toEqual(['admin', 'marketer', 'agent', 'analyst']);
  });

  it('never offers a person their own role or disabling themselves', () => {
    expect(userControls(admin, admin, 1)).toEqual({ roles: [], canDisable: false, canEnable: false, canResetPassword: false, lockReason: 'self' });
    expect(userControls(owner, owner, 2).lockReason).toBe('self');
  });

  it('keeps the last enabled owner an enabled owner', () => {
    expect(userControls(owner, secondOwner, 2)).toMatchObject({ canDisable: true, lockReason: null });
    expect(userControls(owner, secondOwner, 1)).toEqual({ roles: [], canDisable: false, canEnable: false, canResetPassword: true, lockReason: 'lastOwner' });
  });
});

describe('assignableRoles and countActiveOwners', () => {
  it('lets only owners make owners', () => {
    expect(assignableRoles(owner)).toContain('owner');
    expect(assignableRoles(admin)).toEqual(['admin', 'marketer', 'agent', 'analyst']);
  });

  it('counts enabled owners only', () => {
    expect(countActiveOwners([owner, secondOwner, admin, { ...secondOwner, userId: 9, disabledAt: '2026-01-01T00:00:00.000Z' }])).toBe(2);
  });
});
