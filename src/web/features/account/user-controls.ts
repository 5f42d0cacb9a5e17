import { roles } from '../../../auth/permissions.js';
import { passwordResetProblem, removesLastOwner, userChangeProblem } from '../../../auth/user-rules.js';
import type { StaffRole } from '../../../db/schema.js';

type Person = { userId: number; role: StaffRole };
export type TeamMember = Person & { disabledAt: string | null };

/**
 * Why a row offers no role or status control, so it can say so instead of offering a change the
 * server refuses: `self` (nobody demotes or disables themselves), `ownerOnly` (only owners touch
 * owners), `lastOwner` (the store keeps one enabled owner).
 */
export type LockReason = 'self' | 'ownerOnly' | 'lastOwner';

export type UserControls = { roles: StaffRole[]; canDisable: boolean; canEnable: boolean; canResetPassword: boolean; lockReason: LockReason | null };

/** What the signed-in `caller` may change about `target`, by the same rules the server applies. */
export function userControls(caller: Person, target: TeamMember, activeOwnerCount: number): UserControls {
  const isDisabled = target.disabledAt !== null;
  const allowed = (change: { role?: StaffRole; disabled?: boolean }) =>
    userChangeProblem(caller, target, change) === null && !removesLastOwner({ role: target.role, isDisabled }, change, activeOwnerCount);
  const otherRoles = roles.filter((role) => role !== target.role && allowed({ role }));
  const canDisable = !isDisabled && allowed({ disabled: true });
  const canEnable = isDisabled && allowed({ disabled: false });
  const isLocked = otherRoles.length === 0 && !canDisable && !canEnable;
  return {
    roles: otherRoles.length === 0 ? [] : roles.filter((role) => role === target.role || otherRoles.includes(role)),
    canDisable,
    canEnable,
    canResetPassword: !isDisabled && passwordResetProblem(caller, target) === null,
    lockReason: isLocked ? lockReasonOf(caller, target) : null,
  };
}

function lockReasonOf(caller: Person, target: Person): LockReason {
  if (caller.userId === target.userId) return 'self';
  if (target.role === 'owner' && caller.role !== 'owner') return 'ownerOnly';
  return 'lastOwner';
}

/** Whether `caller` may change `target`'s name and email: anyone they may change at all, themselves included. */
export function canEditDetails(caller: Person, target: Person): boolean {
  return userChangeProblem(caller, target, { name: '', email: '' }) === null;
}

/** The roles `caller` may give a new person. */
export function assignableRoles(caller: Person): StaffRole[] {
  return roles.filter((role) => userChangeProblem(caller, null, { role }) === null);
}

export function countActiveOwners(members: readonly TeamMember[]): number {
  return members.filter((member) => member.role === 'owner' && member.disabledAt === null).length;
}
