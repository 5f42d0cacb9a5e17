import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { changeOwnPassword } from './account.service.js';
import type { Caller } from './caller.js';
import { shellCaller } from './caller.js';
import { ensureOwner } from './owner-bootstrap.js';
import { permissionsByRole } from './permissions.js';
import { authenticateSession, createSession, signIn } from './sessions.service.js';
import { createStaffUser, findUser, listUsers, updateUser } from './users.service.js';

const now = new Date('2026-03-02T09:00:00Z');

describeEachStore('staff users', (context) => {
  const db = () => context.store.db;
  const shell = shellCaller('cli:test');
  let admin: Caller;

  it('bootstraps one owner with a one-time password on an empty store, then does nothing', async () => {
    const first = await ensureOwner(db(), { email: 'Boss@Shop.example' });
    expect(first).toMatchObject({ created: true, email: 'boss@shop.example', isOneTimePassword: true });
    const owner = await findUser(db(), 'boss@shop.example');
    expect(owner).toMatchObject({ role: 'owner', mustChangePassword: true });
    expect(await ensureOwner(db(), { email: 'other@shop.example', password: 'a configured password' })).toEqual({ created: false });
  });

  it('creates users with normalised emails and refuses duplicates', async () => {
    const { user, oneTimePassword } = await createStaffUser(db(), shell, { email: ' Ana@Shop.example ', name: 'Ana', role: 'admin', password: 'ana has a long password' });
    expect(user).toMatchObject({ email: 'ana@shop.example', role: 'admin', mustChangePassword: false });
    expect(oneTimePassword).toBeNull();
    admin = { actor: `user:${user.userId}:ana@shop.example`, role: 'admin', userId: user.userId, apiKeyId: null, permissions: permissionsByRole.admin };
    await expect(createStaffUser(db(), shell, { email: 'ana@shop.example', name: 'Ana 2', role: 'agent', password: 'another long password' })).rejects.toMatchObject({ code: 'USER_EMAIL_EXISTS' });
  });

  it('never stores the password in clear', async () => {
    const row = await db().selectFrom('staff_user').select('password_hash').where('email', '=', 'ana@shop.example').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('ana has a long password');
  });

  it('refuses weak passwords', async () => {
    await expect(createStaffUser(db(), shell, { email: 'weak@shop.example', name: 'W', role: 'agent', password: 'short' })).rejects.toMatchObject({ code: 'AUTH_PASSWORD_WEAK' });
  });

  it('stops an admin from creating an owner', async () => {
    await expect(createStaffUser(db(), admin, { email: 'o2@shop.example', name: 'O', role: 'owner', password: 'a long enough password' })).rejects.toMatchObject({ code: 'USER_CHANGE_FORBIDDEN' });
  });

  it('disabling a user ends their sessions and blocks sign-in', async () => {
    const { user } = await createStaffUser(db(), admin, { email: 'mia@shop.example', name: 'Mia', role: 'marketer', password: 'mia has a long password' });
    const session = await createSession(db(), user.userId, now);
    const updated = await updateUser(db(), admin, user.userId, { disabled: true }, now);
    expect(updated.disabledAt).toEqual(now);
    expect(await authenticateSession(db(), session.token, now)).toEqual({ status: 'unknown' });
    await expect(signIn(db(), { email: 'mia@shop.example', password: 'mia has a long password', now })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    const enabled = await updateUser(db(), admin, user.userId, { disabled: false, role: 'analyst' }, now);
    expect(enabled).toMatchObject({ disabledAt: null, role: 'analyst' });
  });

  it('keeps the last active owner', async () => {
    const owner = await findUser(db(), 'boss@shop.example');
    await expect(updateUser(db(), shell, owner.userId, { role: 'admin' }, now)).rejects.toMatchObject({ code: 'USER_LAST_OWNER_CONFLICT' });
  });

  it('writes an audit event for each change', async () => {
    const events = await db().selectFrom('audit_event').select(['action', 'actor']).where('action', 'like', 'user.%').orderBy('audit_id').execute();
    expect(events.map((event) => event.action)).toEqual(['user.create', 'user.create', 'user.create', 'user.update', 'user.update']);
    expect(events[2].actor).toBe(admin.actor);
  });

  it('changing the password clears the one-time flag, ends other sessions and replaces the one that asked', async () => {
    const { user, oneTimePassword } = await createStaffUser(db(), admin, { email: 'ted@shop.example', name: 'Ted', role: 'agent' });
    expect(user.mustChangePassword).toBe(true);
    const asking = await createSession(db(), user.userId, now);
    const other = await createSession(db(), user.userId, now);
    await expect(changeOwnPassword(db(), { userId: user.userId, currentSessionHash: asking.sessionHash, currentPassword: 'wrong', newPassword: 'ted chose this one', now })).rejects.toMatchObject({
      code: 'AUTH_CURRENT_PASSWORD_INVALID',
    });
    const changed = await changeOwnPassword(db(), { userId: user.userId, currentSessionHash: asking.sessionHash, currentPassword: oneTimePassword!, newPassword: 'ted chose this one', now });
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await authenticateSession(db(), asking.token, now)).status).toBe('unknown');
    expect((await authenticateSession(db(), other.token, now)).status).toBe('unknown');
    const replacement = await authenticateSession(db(), changed.session!.token, now);
    expect(replacement.status === 'valid' && [replacement.session.userId, replacement.session.csrfToken]).toEqual([user.userId, changed.session!.csrfToken]);
    expect(changed.session!.csrfToken).not.toBe(asking.csrfToken);
    expect((await signIn(db(), { email: 'ted@shop.example', password: 'ted chose this one', now })).user.userId).toBe(user.userId);
  });

  it('lists users without password hashes', async () => {
    const users = await listUsers(db());
    expect(users.length).toBe(4);
    expect(JSON.stringify(users)).not.toContain('argon2');
  });
});
