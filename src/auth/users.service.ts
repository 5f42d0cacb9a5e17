import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../db/schema.js';
import { ruleCallerOf } from './acting-user.js';
import { recordAudit } from './audit.js';
import { lastOwnerConflict, passwordCommon, passwordWeak, userChangeForbidden, userDisabledConflict, userEmailExists, userEmailInvalid, userNameInvalid, userNotFound } from './auth.errors.js';
import type { Caller } from './caller.js';
import { isCommonPassword } from './common-passwords.js';
import { generateOneTimePassword, hashPassword, passwordProblem } from './passwords.js';
import { deleteSessionsOfUser } from './sessions.repo.js';
import { isPlausibleEmail, normalizeEmail, staffEmailInvisibleCharacter, toStaffUser, type StaffUser } from './staff-user.js';
import { effectiveUserChange, passwordResetProblem, removesLastOwner, userChangeProblem, type UserChange } from './user-rules.js';
import { countActiveOwners, findStaffUserByEmail, findStaffUserById, insertStaffUser, isStaffEmailTakenError, listStaffUsers, lockStaffChanges, updateStaffUser } from './users.repo.js';

type Db = Kysely<Database>;

/** The address a person signs in with, as stored: trimmed, lower-cased, refused when it cannot be one. */
function staffEmailOf(input: string): string {
  const email = normalizeEmail(input);
  const invisible = staffEmailInvisibleCharacter(email);
  if (invisible) throw userEmailInvalid(input, invisible);
  if (!isPlausibleEmail(email)) throw userEmailInvalid(input);
  return email;
}

export type NewStaffUser = { email: string; name: string; role: StaffRole; password?: string | null; locale?: string };

/**
 * Creates a staff user. Without a password a one-time password is generated and
 * returned (once): the person must choose their own at first sign-in.
 */
export async function createStaffUser(db: Db, caller: Caller, input: NewStaffUser): Promise<{ user: StaffUser; oneTimePassword: string | null }> {
  const email = staffEmailOf(input.email);
  // only the first owner, made at start-up, is without a name (userBody): everyone else is given one
  const name = input.name.trim();
  if (!name) throw userNameInvalid();
  const problem = userChangeProblem(await ruleCallerOf(db, caller), null, { role: input.role });
  if (problem) throw userChangeForbidden(problem);
  const oneTimePassword = input.password ? null : generateOneTimePassword();
  const password = input.password ?? oneTimePassword!;
  const weakness = passwordProblem(password, email);
  if (weakness) throw passwordWeak(weakness);
  if (input.password && (await isCommonPassword(input.password))) throw passwordCommon();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await insertStaffUser(trx, { email, name, role: input.role, passwordHash, mustChangePassword: oneTimePassword !== null, locale: input.locale });
    if (!row) throw userEmailExists(email);
    const user = toStaffUser(row);
    await recordAudit(trx, { actor: caller.actor, action: 'user.create', entity: 'staff_user', entityId: String(user.userId), detail: { email, role: user.role } });
    return { user, oneTimePassword };
  });
}

export async function listUsers(db: Db): Promise<StaffUser[]> {
  return (await listStaffUsers(db)).map(toStaffUser);
}

/** A user by numeric id or by email: the CLI accepts either. */
export async function findUser(db: Db, reference: number | string): Promise<StaffUser> {
  const row = typeof reference === 'number' ? await findStaffUserById(db, reference) : await findStaffUserByEmail(db, normalizeEmail(reference));
  if (!row) throw userNotFound(reference);
  return toStaffUser(row);
}

/**
 * Changes a user's role, name, email or disabled state. Disabling signs them out everywhere at once
 * (and their keys stop authenticating: `authenticateApiKey`). A new email is the address they sign
 * in with from now on; their sessions go on, as after a role change, since sessions end only when
 * a password changes or access is taken away, and the email is neither a secret nor a permission
 * (each request reads the user's current email, so the audit log names them by the new one at
 * once). A change to what the user already has (disabling a disabled user) writes nothing and is
 * not audited.
 */
export async function updateUser(db: Db, caller: Caller, userId: number, change: UserChange, now: Date): Promise<StaffUser> {
  // a name once given is not taken back to blank: the web would show nothing where the person is named
  if (change.name !== undefined && !change.name.trim()) throw userNameInvalid();
  const email = change.email === undefined ? undefined : staffEmailOf(change.email);
  return db.transaction().execute(async (trx) => {
    // before reading the user and counting owners: a concurrent change must see this one's result
    await lockStaffChanges(trx);
    const current = await findStaffUserById(trx, userId);
    if (!current) throw userNotFound(userId);
    const target = { userId, role: current.role, isDisabled: current.disabled_at !== null };
    const problem = userChangeProblem(await ruleCallerOf(trx, caller), target, change);
    if (problem) throw userChangeForbidden(problem);
    const changed = effectiveUserChange({ role: current.role, isDisabled: target.isDisabled, name: current.name, email: current.email }, { ...change, name: change.name?.trim(), email });
    if (Object.keys(changed).length === 0) return toStaffUser(current);
    if (removesLastOwner(target, changed, await countActiveOwners(trx))) throw lastOwnerConflict();
    const disabledAt = changed.disabled === undefined ? undefined : changed.disabled ? now : null;
    const row = await updateStaffUser(trx, userId, { role: changed.role, name: changed.name, email: changed.email, disabledAt }).catch((error: unknown) => {
      throw changed.email !== undefined && isStaffEmailTakenError(error) ? userEmailExists(changed.email) : error;
    });
    if (changed.disabled === true) await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, {
      actor: caller.actor,
      action: 'user.update',
      entity: 'staff_user',
      entityId: String(userId),
      detail: { email: current.email, before: { role: current.role, disabled: current.disabled_at !== null, name: current.name, email: current.email }, changed },
    });
    return toStaffUser(row!);
  });
}

/**
 * Gives a staff member who forgot their password a new one-time password (returned once): they
 * choose their own at the next sign-in, and every session they had ends. The same people who may
 * change a user may reset them: owners are reset only by owners, and nobody resets themselves
 * (their own password is changed with the current one, POST /api/auth/password). A disabled user is
 * refused (USER_DISABLED_CONFLICT): sign-in refuses them whatever the password, so the password
 * handed out would not work, and enabling them is the step that was missing.
 */
export async function resetStaffPassword(db: Db, caller: Caller, userId: number): Promise<{ user: StaffUser; oneTimePassword: string }> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.transaction().execute(async (trx) => {
    const current = await findStaffUserById(trx, userId);
    if (!current) throw userNotFound(userId);
    const problem = passwordResetProblem(await ruleCallerOf(trx, caller), { userId, role: current.role });
    if (problem) throw userChangeForbidden(problem);
    if (current.disabled_at !== null) throw userDisabledConflict(userId, current.email);
    const row = await updateStaffUser(trx, userId, { passwordHash, mustChangePassword: true });
    await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, { actor: caller.actor, action: 'user.password.reset', entity: 'staff_user', entityId: String(userId), detail: { email: current.email } });
    return { user: toStaffUser(row!), oneTimePassword };
  });
}
