import { describe, expect, it } from 'vitest';
import { canEditDetails, type TeamMember } from './user-controls.js';

const owner: TeamMember = { userId: 1, role: 'owner', disabledAt: null };
const admin: TeamMember = { userId: 3, role: 'admin', disabledAt: null };
const analyst: TeamMember = { userId: 4, role: 'analyst', disabledAt: null };

describe('canEditDetails', () => {
  it('offers the name and email of anyone the caller may change, their own included', () => {
    expect(canEditDetails(owner, analyst)).toBe(true);
    expect(canEditDetails(owner, owner)).toBe(true);
    expect(canEditDetails(admin, analyst)).toBe(true);
    expect(canEditDetails(admin, admin)).toBe(true);
  });

  it('keeps an admin off an owner\'s name and email, as the server does', () => {
    expect(canEditDetails(admin, owner)).toBe(false);
  });
});
