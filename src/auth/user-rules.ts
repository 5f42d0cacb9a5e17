import type { StaffRole } from '../db/schema.js';
import type { Caller } from './caller.js';

export type UserChange = { role?: StaffRole; disabled?: boolean; name?: string };

/**
 * Why `caller` may not make `change` to `target` (or create a user with
 * `change.role` when `target` is null), or null if allowed. Owners are only
 * made or touched by owners, so an admin cannot take over the store; nobody
 * demotes or disables themselves, so a slip cannot lock them out.
 */
export function userChangeProblem(caller: Pick<Caller, 'role' | 'userId'>, target: { userId: number; role: StaffRole } | null, change: UserChange): string | null {
  if (caller.role !== 'owner') {
    if (change.role === 'owner') return 'Only an owner can make someone an owner.';
    if (target?.role === 'owner') return 'Only an owner can change an owner.';
  }
  if (target && caller.userId === target.userId) {
    // only an owner can change an owner (above): an admin could not help an owner
    if (change.role !== undefined && change.role !== target.role) return `You cannot change your own role; ask another ${target.role === 'owner' ? 'owner' : 'owner or admin'}.`;
    if (change.disabled === true) return 'You cannot disable yourself.';
  }
  return null;
}

/** Whether the change would leave the store without an active owner. */
export function removesLastOwner(target: { role: StaffRole; isDisabled: boolean }, change: UserChange, activeOwnerCount: number): boolean {
  if (target.role !== 'owner' || target.isDisabled) return false;
  const staysOwner = change.role === undefined || change.role === 'owner';
  const staysActive = change.disabled !== true;
  return !(staysOwner && staysActive) && activeOwnerCount <= 1;
}

/** Why `caller` may not give `target` a new one-time password, or null if allowed. */
export function passwordResetProblem(caller: Pick<Caller, 'role' | 'userId'>, target: { userId: number; role: StaffRole }): string | null {
  if (caller.userId === target.userId) return 'Change your own password with your current one instead.';
  if (caller.role !== 'owner' && target.role === 'owner') return 'Only an owner can reset an owner\'s password.';
  return null;
}
