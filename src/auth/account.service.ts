import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from './audit.js';
import { currentPasswordInvalid, passwordCommon, passwordWeak, userNotFound } from './auth.errors.js';
import { userActor } from './caller.js';
import { isCommonPassword } from './common-passwords.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { deleteSessionsOfUser } from './sessions.repo.js';
import { createSession, type NewSession } from './sessions.service.js';
import { toStaffUser, type Locale, type StaffUser } from './staff-user.js';
import { findStaffUserById, updateStaffUser } from './users.repo.js';

type Db = Kysely<Database>;

/**
 * Changes one's own password. The current password is asked again so that an
 * unattended session cannot be turned into a stolen account, and a wrong one is
 * audited as a failed sign-in is. Every session of the user ends, in case the old
 * password was the leak; the session that asked (`currentSessionHash`) is replaced
 * by a new one, returned, so a token or CSRF token seen before the change is worth
 * nothing after it.
 */
export async function changeOwnPassword(
  db: Db,
  input: { userId: number; currentSessionHash: string | null; currentPassword: string; newPassword: string; now: Date; ip?: string },
): Promise<{ user: StaffUser; session: NewSession | null }> {
  const current = await findStaffUserById(db, input.userId);
  if (!current) throw userNotFound(input.userId);
  const actor = userActor(input.userId, current.email);
  if (!(await verifyPassword(current.password_hash, input.currentPassword))) {
    await recordAudit(db, { actor, action: 'auth.password.fail', entity: 'staff_user', entityId: String(input.userId), detail: { reason: 'wrong-password', ip: input.ip } });
    throw currentPasswordInvalid();
  }
  const weakness = passwordProblem(input.newPassword, current.email);
  if (weakness) throw passwordWeak(weakness, 'newPassword');
  if (input.newPassword === input.currentPassword) throw passwordWeak('Choose a password different from the current one.', 'newPassword');
  if (await isCommonPassword(input.newPassword)) throw passwordCommon('newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const row = await updateStaffUser(trx, input.userId, { passwordHash, mustChangePassword: false });
    await deleteSessionsOfUser(trx, input.userId);
    const session = input.currentSessionHash === null ? null : await createSession(trx, input.userId, input.now);
    await recordAudit(trx, { actor, action: 'user.password.change', entity: 'staff_user', entityId: String(input.userId) });
    return { user: toStaffUser(row!), session };
  });
}

/** The language of the web app for this user; not audited, it changes nothing about the data. */
export async function setOwnLocale(db: Db, userId: number, locale: Locale): Promise<StaffUser> {
  const row = await updateStaffUser(db, userId, { locale });
  if (!row) throw userNotFound(userId);
  return toStaffUser(row);
}
