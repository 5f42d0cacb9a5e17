import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, StaffRole, StaffUserTable } from '../db/schema.js';

type Db = Kysely<Database>;
// The column is nullable since 202612150100 (null: the person never chose a language).
export type StaffUserRow = Omit<Selectable<StaffUserTable>, 'locale'> & { locale: string | null };

export async function countStaffUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

// any fixed key other than the migration lock's (727274) and the customer merge lock's (727275)
const staffChangeLockKey = 727276;

/**
 * Makes changes to staff users take turns until the transaction ends. Counting the active owners
 * and then changing one is a check-then-act: under READ COMMITTED two owners demoting or disabling
 * each other at once would each count two and leave none. Staff changes are rare; one lock for all
 * of them is simpler than reasoning about which rows each change must lock.
 */
export async function lockStaffChanges(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${staffChangeLockKey}::bigint)`.execute(trx);
}

export async function countActiveOwners(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff_user')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findStaffUserByEmail(db: Db, email: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findStaffUserById(db: Db, userId: number): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_user').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function listStaffUsers(db: Db): Promise<StaffUserRow[]> {
  return db.selectFrom('staff_user').selectAll().orderBy('user_id').execute();
}

/** The owners who can sign in, first created first. */
export async function listActiveOwnerEmails(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('staff_user').select('email').where('role', '=', 'owner').where('disabled_at', 'is', null).orderBy('user_id').execute();
  return rows.map((row) => row.email);
}

/** Null when the email is taken (the unique constraint decides, so two racing creates cannot both win). */
export async function insertStaffUser(
  db: Db,
  values: { email: string; name: string; role: StaffRole; passwordHash: string; mustChangePassword: boolean; locale?: string },
): Promise<StaffUserRow | null> {
  const row = await db
    .insertInto('staff_user')
    .values({
      email: values.email,
      name: values.name,
      role: values.role,
      password_hash: values.passwordHash,
      must_change_password: values.mustChangePassword,
      ...(values.locale ? { locale: values.locale } : {}),
    })
    .onConflict((conflict) => conflict.constraint('staff_user_email_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function updateStaffUser(
  db: Db,
  userId: number,
  changes: Partial<{ name: string; email: string; role: StaffRole; passwordHash: string; mustChangePassword: boolean; locale: string; disabledAt: Date | null }>,
): Promise<StaffUserRow | undefined> {
  return db
    .updateTable('staff_user')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.mustChangePassword !== undefined ? { must_change_password: changes.mustChangePassword } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
      ...(changes.disabledAt !== undefined ? { disabled_at: changes.disabledAt } : {}),
    })
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Whether `error` is an update giving a user an email another user has. The unique constraint
 * decides, as for inserts, so a change racing a create of the same address cannot both win.
 */
export function isStaffEmailTakenError(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'staff_user_email_key';
}
