import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { shellCaller } from './caller.js';
import { sessionAbsoluteMs, sessionIdleMs } from './session-policy.js';
import { authenticateSession, signIn, signOut } from './sessions.service.js';
import { sha256Hex } from './tokens.js';
import { createStaffUser } from './users.service.js';

const start = new Date('2026-03-02T09:00:00Z');
const after = (ms: number) => new Date(start.getTime() + ms);

describeEachStore('sessions', (context) => {
  const db = () => context.store.db;

  it('signs in with the right password and stores only the token hash', async () => {
    await createStaffUser(db(), shellCaller('test'), { email: 'ana@shop.example', name: 'Ana', role: 'analyst', password: 'ana has a long password' });
    const { user, session } = await signIn(db(), { email: 'ANA@shop.example', password: 'ana has a long password', now: start });
    expect(user.email).toBe('ana@shop.example');
    expect(session.token).toHaveLength(43);
    const rows = await db().selectFrom('user_session').selectAll().execute();
    expect(rows.map((row) => row.session_hash)).toEqual([sha256Hex(session.token)]);
    expect(JSON.stringify(rows)).not.toContain(session.token);
  });

  it('gives one answer for an unknown email and a wrong password, and audits both', async () => {
    await expect(signIn(db(), { email: 'nobody@shop.example', password: 'whatever it is', now: start })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    await expect(signIn(db(), { email: 'ana@shop.example', password: 'not the password', now: start })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    const failures = await db().selectFrom('audit_event').select('detail').where('action', '=', 'auth.sign-in.fail').execute();
    expect(failures.map((row) => (row.detail as { reason: string }).reason)).toEqual(['unknown-email', 'wrong-password']);
  });

  it('slides the expiry with use and ends the session after 12 idle hours', async () => {
    const { session } = await signIn(db(), { email: 'ana@shop.example', password: 'ana has a long password', now: start });
    const used = await authenticateSession(db(), session.token, after(sessionIdleMs - 1000));
    expect(used.status).toBe('valid');
    expect((await authenticateSession(db(), session.token, after(2 * sessionIdleMs - 2000))).status).toBe('valid');
    expect((await authenticateSession(db(), session.token, after(4 * sessionIdleMs))).status).toBe('expired');
    expect((await authenticateSession(db(), session.token, after(4 * sessionIdleMs))).status).toBe('unknown');
  });

  it('ends a constantly used session 7 days after sign-in', async () => {
    const { session } = await signIn(db(), { email: 'ana@shop.example', password: 'ana has a long password', now: start });
    for (let used = sessionIdleMs / 2; used < sessionAbsoluteMs; used += sessionIdleMs / 2) {
      expect((await authenticateSession(db(), session.token, after(used))).status).toBe('valid');
    }
    expect((await authenticateSession(db(), session.token, after(sessionAbsoluteMs))).status).toBe('expired');
  });

  it('signs out by deleting the session', async () => {
    const { user, session } = await signIn(db(), { email: 'ana@shop.example', password: 'ana has a long password', now: start });
    await signOut(db(), { sessionHash: session.sessionHash, userId: user.userId, email: user.email });
    expect((await authenticateSession(db(), session.token, start)).status).toBe('unknown');
  });

  it('treats a made-up token as unknown', async () => {
    expect(await authenticateSession(db(), 'made-up', start)).toEqual({ status: 'unknown' });
  });
});
