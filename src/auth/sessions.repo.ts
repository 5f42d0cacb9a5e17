import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { staffUserFieldsOf, type StaffUser } from './staff-user.js';

type Db = Kysely<Database>;

/** A session and the user it belongs to; `createdAt` is the session's. */
export type SessionWithUser = Omit<StaffUser, 'createdAt'> & {
  sessionHash: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

export async function insertSession(db: Db, values: { sessionHash: string; userId: number; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      session_hash: values.sessionHash,
      user_id: values.userId,
      csrf_token: values.csrfToken,
      created_at: values.createdAt,
      last_seen_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** The session and its user in one round trip: every authenticated request does this. */
export async function findSessionWithUser(db: Db, sessionHash: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('staff_user as u', 'u.user_id', 's.user_id')
    .select([
      's.session_hash', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.expires_at',
      'u.user_id', 'u.email', 'u.name', 'u.role', 'u.locale', 'u.must_change_password', 'u.disabled_at',
    ])
    .where('s.session_hash', '=', sessionHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionHash: row.session_hash,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ...staffUserFieldsOf(row),
  };
}

export async function touchSession(db: Db, sessionHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('session_hash', '=', sessionHash).execute();
}

export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('session_hash', '=', sessionHash).execute();
}

/** Signs a user out everywhere, optionally keeping the session that asked. */
export async function deleteSessionsOfUser(db: Db, userId: number, exceptSessionHash?: string): Promise<void> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptSessionHash) query = query.where('session_hash', '!=', exceptSessionHash);
  await query.execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}
