import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from './audit.js';
import { currentPasswordInvalid, passwordCommon, passwordWeak, userNotFound } from './auth.errors.js';
import { userActor } from './caller.js';
import { isCommonPassword } from './common-passwords.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { deleteSessionsOfUser } from './sessions.repo.js';
import { toStaffUser, type Locale, type StaffUser } from './staff-user.js';
import { findStaffUserById, updateStaffUser } from './users.repo.js';

type Db = Kysely<Database>;

/**
 * Changes one's own password. The current password is asked again so that an
 * unattended session cannot be turned into a stolen account; every other
 * session of the user ends, in case the old password was the leak.
 */
export async function changeOwnPassword(
  db: Db,
  input: { userId: number; currentSessionHash: string | null; currentPassword: string; newPassword: string },
): Promise<StaffUser> {
  const current = await findStaffUserById(db, input.userId);
  if (!current) throw userNotFound(input.userId);
  if (!(await verifyPassword(current.password_hash, input.currentPassword))) throw currentPasswordInvalid();
  const weakness = passwordProblem(input.newPassword, current.email);
  if (weakness) throw passwordWeak(weakness, 'newPassword');
  if (input.newPassword === input.currentPassword) throw passwordWeak('Choose a password different from the current one.', 'newPassword');
  if (await isCommonPassword(input.newPassword)) throw passwordCommon('newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const row = await updateStaffUser(trx, input.userId, { passwordHash, mustChangePassword: false });
    await deleteSessionsOfUser(trx, input.userId, input.currentSessionHash ?? undefined);
    await recordAudit(trx, { actor: userActor(input.userId, current.email), action: 'user.password.change', entity: 'staff_user', entityId: String(input.userId) });
    return toStaffUser(row!);
  });
}

/** The language of the web app for this user; not audited, it changes nothing about the data. */
export async function setOwnLocale(db: Db, userId: number, locale: Locale): Promise<StaffUser> {
  const row = await updateStaffUser(db, userId, { locale });
  if (!row) throw userNotFound(userId);
  return toStaffUser(row);
}
