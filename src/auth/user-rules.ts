import type { StaffRole } from '../db/schema.js';

/**
 * A change to a staff user. Name and email are the person's details: the same people may change
 * them as may change the user at all (owners only by owners), and, unlike a role, a person may
 * correct their own, since neither gives or takes away any power.
 */
export type UserChange = { role?: StaffRole; disabled?: boolean; name?: string; email?: string };

/**
 * The part of a change that changes something: a field given its current value (disabling a
 * disabled user) is left out, so nothing is written or audited for it. `email` is compared as
 * given, so the caller normalises it first.
 */
export function effectiveUserChange(current: { role: StaffRole; isDisabled: boolean; name: string; email?: string }, change: UserChange): UserChange {
  const effective: UserChange = {};
  if (change.role !== undefined && change.role !== current.role) effective.role = change.role;
  if (change.disabled !== undefined && change.disabled !== current.isDisabled) effective.disabled = change.disabled;
  if (change.name !== undefined && change.name !== current.name) effective.name = change.name;
  if (change.email !== undefined && change.email !== current.email) effective.email = change.email;
  return effective;
}

/**
 * The caller as the user rules judge it: a signed-in person (or the shell, `userId` null), or an API
 * key. A key has no user of its own but acts for the staff member who created it (`keyCreatorId`;
 * null for a key made from the shell), so it may do to them no more than they may do to themselves
 * signed in. A `Caller` fits neither shape, so a service cannot forget to look the creator up.
 */
export type RuleCaller =
  | { role: StaffRole; userId: number | null; apiKeyId?: null }
  | { role: StaffRole; apiKeyId: number; keyCreatorId: number | null };

type Target = { userId: number; role: StaffRole };

function isSelf(caller: RuleCaller, target: Target): boolean {
  const self = caller.apiKeyId == null ? caller.userId : caller.keyCreatorId;
  return self !== null && self === target.userId;
}

/**
 * Whom a person refused a change to themselves (`self`, their own role) must ask instead, with its
 * article: no admin may make or change an owner, and "another" goes only with the asker's own role,
 * so an owner asks "another owner" and an admin "an owner" or "another admin".
 */
function whoToAsk(self: Target, change: UserChange): string {
  const needsOwner = self.role === 'owner' || change.role === 'owner';
  if (needsOwner) return self.role === 'owner' ? 'another owner' : 'an owner';
  return self.role === 'admin' ? 'an owner or another admin' : 'an owner or admin';
}

/**
 * Why `caller` may not make `change` to `target` (or create a user with
 * `change.role` when `target` is null), or null if allowed. Owners are only
 * made or touched by owners, so an admin cannot take over the store; nobody
 * demotes or disables themselves, so a slip cannot lock them out, and neither
 * does a key its creator: a key holds no more power over them than they do.
 */
export function userChangeProblem(caller: RuleCaller, target: Target | null, change: UserChange): string | null {
  // first, so a key of an owner acting on that owner hears why, not that only owners change owners
  if (target && isSelf(caller, target)) {
    const changesRole = change.role !== undefined && change.role !== target.role;
    const ask = whoToAsk(target, change);
    if (caller.apiKeyId != null) {
      const creator = `This API key acts for user #${target.userId}, who created it`;
      if (changesRole) return `${creator}, and cannot change their role, as they cannot themselves; ask ${ask} to do it.`;
      if (change.disabled === true) return `${creator}, and cannot disable them, as they cannot disable themselves; ask ${ask} to do it.`;
    } else {
      if (changesRole) return `You cannot change your own role; ask ${ask}.`;
      if (change.disabled === true) return `You cannot disable yourself; ask ${ask}.`;
    }
  }
  if (caller.role !== 'owner') {
    // a key's role is at most admin even when an owner made it: "only an owner" would read wrong to that owner
    const isKey = caller.apiKeyId != null;
    if (change.role === 'owner') return isKey ? `${keyWithinAdminLimits}, so it never makes someone an owner; sign in as an owner instead.` : 'Only an owner can make someone an owner.';
    if (target?.role === 'owner') return isKey ? `${keyWithinAdminLimits}, so it never changes an owner; sign in as an owner instead.` : 'Only an owner can change an owner.';
  }
  return null;
}

const keyWithinAdminLimits = 'An API key acts within an admin\'s limits, even one an owner made';

/** Whether the change would leave the store without an active owner. */
export function removesLastOwner(target: { role: StaffRole; isDisabled: boolean }, change: UserChange, activeOwnerCount: number): boolean {
  if (target.role !== 'owner' || target.isDisabled) return false;
  const staysOwner = change.role === undefined || change.role === 'owner';
  const staysActive = change.disabled !== true;
  return !(staysOwner && staysActive) && activeOwnerCount <= 1;
}

/**
 * Why `caller` may not give `target` a new one-time password, or null if allowed. A key may not
 * reset its creator's: the one-time password would let whoever holds the key sign in as them.
 */
export function passwordResetProblem(caller: RuleCaller, target: Target): string | null {
  if (isSelf(caller, target)) {
    if (caller.apiKeyId != null) return `This API key acts for user #${target.userId}, who created it, and cannot reset their password; they change it signed in with their current one (POST /api/auth/password), or ${whoToAsk(target, {})} resets it.`;
    return 'Change your own password with your current one instead (POST /api/auth/password).';
  }
  if (caller.role !== 'owner' && target.role === 'owner') {
    return caller.apiKeyId != null ? `${keyWithinAdminLimits}, so it never resets an owner's password; sign in as an owner instead.` : 'Only an owner can reset an owner\'s password.';
  }
  return null;
}

/**
 * Why `caller` may not revoke a key, or null if allowed. A key made by an owner, or from the shell
 * (which acts with the owner's rights), is revoked only by an owner, so an admin cannot cut off the
 * owner's integrations; any key may revoke itself, so whoever finds a leaked key can stop it.
 */
export function apiKeyRevokeProblem(caller: { role: StaffRole; apiKeyId?: number | null }, key: { apiKeyId: number; createdBy: number | null; creatorRole: StaffRole | null }): string | null {
  if (caller.role === 'owner' || caller.apiKeyId === key.apiKeyId) return null;
  if (key.createdBy === null) return `API key #${key.apiKeyId} was made from the shell, with the owner's rights; only an owner can revoke it (signed in, or \`clientele api-keys revoke ${key.apiKeyId}\` on the server).`;
  if (key.creatorRole === 'owner') return `API key #${key.apiKeyId} acts for an owner (user #${key.createdBy}); only an owner can revoke it.`;
  return null;
}
