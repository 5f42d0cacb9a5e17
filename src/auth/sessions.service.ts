import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from './audit.js';
import { invalidCredentials } from './auth.errors.js';
import { userActor } from './caller.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { isSessionExpired, sessionExpiresAt, shouldTouchSession } from './session-policy.js';
import { deleteExpiredSessions, deleteSession, deleteSessionsOfUser, findSessionWithUser, insertSession, touchSession, type SessionWithUser } from './sessions.repo.js';
import { normalizeEmail, toStaffUser, type StaffUser } from './staff-user.js';
import { findStaffUserByEmail } from './users.repo.js';
import { randomToken, sha256Hex } from './tokens.js';

type Db = Kysely<Database>;

/** `token` goes in the cookie and exists nowhere else; the database keeps only its SHA-256. */
export type NewSession = { token: string; sessionHash: string; csrfToken: string; expiresAt: Date };

export async function createSession(db: Db, userId: number, now: Date): Promise<NewSession> {
  const token = randomToken(32);
  const session = { token, sessionHash: sha256Hex(token), csrfToken: randomToken(32), expiresAt: sessionExpiresAt(now, now) };
  await insertSession(db, { sessionHash: session.sessionHash, userId, csrfToken: session.csrfToken, createdAt: now, expiresAt: session.expiresAt });
  return session;
}

/**
 * Checks email and password and opens a session. Unknown email, wrong password
 * and disabled account all give the same answer after the same work, so the
 * answer does not reveal which emails belong to staff.
 */
export async function signIn(db: Db, input: { email: string; password: string; now: Date; ip?: string }): Promise<{ user: StaffUser; session: NewSession }> {
  const email = normalizeEmail(input.email);
  const row = await findStaffUserByEmail(db, email);
  const isPasswordRight = await verifyPassword(row?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!row || !isPasswordRight || row.disabled_at) {
    const reason = !row ? 'unknown-email' : !isPasswordRight ? 'wrong-password' : 'disabled';
    await recordAudit(db, { actor: 'anonymous', action: 'auth.sign-in.fail', entity: 'staff_user', entityId: row ? String(row.user_id) : null, detail: { email, reason, ip: input.ip } });
    throw invalidCredentials();
  }
  const userId = Number(row.user_id);
  return db.transaction().execute(async (trx) => {
    // Housekeeping rides along with sign-ins, which are rare, rather than needing a scheduler.
    await deleteExpiredSessions(trx, input.now);
    const session = await createSession(trx, userId, input.now);
    await recordAudit(trx, { actor: userActor(userId, row.email), action: 'auth.sign-in', entity: 'staff_user', entityId: String(userId), detail: { ip: input.ip } });
    return { user: toStaffUser(row), session };
  });
}

export async function signOut(db: Db, session: { sessionHash: string; userId: number; email: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionHash);
    await recordAudit(trx, { actor: userActor(session.userId, session.email), action: 'auth.sign-out', entity: 'staff_user', entityId: String(session.userId) });
  });
}

export type SessionCheck = { status: 'valid'; session: SessionWithUser } | { status: 'expired' } | { status: 'unknown' };

/** Resolves a cookie token to its live session, sliding its expiry forward; expired and disabled sessions are deleted. */
export async function authenticateSession(db: Db, token: string, now: Date): Promise<SessionCheck> {
  const session = await findSessionWithUser(db, sha256Hex(token));
  if (!session) return { status: 'unknown' };
  if (session.disabledAt) {
    await deleteSessionsOfUser(db, session.userId);
    return { status: 'unknown' };
  }
  if (isSessionExpired(session.expiresAt, now)) {
    await deleteSession(db, session.sessionHash);
    return { status: 'expired' };
  }
  if (shouldTouchSession(session.lastSeenAt, now)) {
    const expiresAt = sessionExpiresAt(session.createdAt, now);
    await touchSession(db, session.sessionHash, now, expiresAt);
    return { status: 'valid', session: { ...session, lastSeenAt: now, expiresAt } };
  }
  return { status: 'valid', session };
}
