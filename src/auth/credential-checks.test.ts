import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { changeOwnPassword } from './account.service.js';
import { shellCaller } from './caller.js';
import { isCommonPassword } from './common-passwords.js';
import { ensureOwner } from './owner-bootstrap.js';
import { brokenPasswordRule } from './password-rules.js';
import { createStaffUser, listUsers } from './users.service.js';

const commonRefusal = 'This password is among the most commonly used ones; choose another.';

describe('isCommonPassword', () => {
  it.each(['1234567890', 'password12', 'qwertyuiop', 'Password12', 'QWERTYUIOP', 'iloveyou12'])('finds %j on the list, in any letter case', async (password) => {
    expect(await isCommonPassword(password)).toBe(true);
  });

  it.each(['correct horse battery', 'ana has a long password', 'kV9#rT2!mQ'])('does not find %j', async (password) => {
    expect(await isCommonPassword(password)).toBe(false);
  });
});

describe('brokenPasswordRule', () => {
  it('refuses the name before the @ as it refuses the whole address', () => {
    expect(brokenPasswordRule('Sari.Wulandari', 'sari.wulandari@shop.example')).toBe('isEmail');
    expect(brokenPasswordRule('sari.wulandari@shop.example', 'sari.wulandari@shop.example')).toBe('isEmail');
    expect(brokenPasswordRule('sari.wulandari1', 'sari.wulandari@shop.example')).toBeNull();
  });
});

describeEachStore('staff emails with invisible characters and common passwords', (context) => {
  const db = () => context.store.db;
  const shell = shellCaller('cli:test');

  it('refuses to bootstrap the owner with a common CLIENTELE_OWNER_PASSWORD, or a CLIENTELE_OWNER_EMAIL that is not an address or holds an invisible character, creating no one', async () => {
    await expect(ensureOwner(db(), { email: 'owner@clientele.local', password: 'password12' })).rejects.toMatchObject({
      code: 'AUTH_PASSWORD_COMMON',
      message: 'CLIENTELE_OWNER_PASSWORD: this password is among the most commonly used ones; choose another.',
      details: { field: 'CLIENTELE_OWNER_PASSWORD' },
    });
    await expect(ensureOwner(db(), { email: 'owner@clientele.local\u200B' })).rejects.toMatchObject({
      code: 'USER_EMAIL_INVALID',
      message: 'CLIENTELE_OWNER_EMAIL: Email "owner@clientele.local<U+200B>" contains an invisible character U+200B at position 22; retype the address.',
    });
    await expect(ensureOwner(db(), { email: 'owner-at-clientele.local', password: 'a configured password' })).rejects.toMatchObject({
      code: 'USER_EMAIL_INVALID',
      message: 'CLIENTELE_OWNER_EMAIL "owner-at-clientele.local" is not an email address: set it to the first owner\'s address, such as owner@example.com, or leave it unset for owner@clientele.local.',
    });
    expect(await listUsers(db())).toEqual([]);
    expect(await ensureOwner(db(), { email: 'owner@clientele.local', password: 'a configured password' })).toMatchObject({ created: true });
  });

  it.each([
    ['owner@clientele.local\u200B', 'U+200B at position 22', '"owner@clientele.local<U+200B>"'],
    ['\u202Elacol.eletneilc@renwo', 'U+202E at position 1', '"<U+202E>lacol.eletneilc@renwo"'],
    ['ow\u2060ner@clientele.local', 'U+2060 at position 3', '"ow<U+2060>ner@clientele.local"'],
    ['owner@client\u00ADele.local', 'U+00AD at position 13', '"owner@client<U+00AD>ele.local"'],
  ])('refuses the staff email %j, naming the character and where it is', async (email, where, shown) => {
    await expect(createStaffUser(db(), shell, { email, name: 'Mallory', role: 'admin', password: 'a long enough password' })).rejects.toMatchObject({
      code: 'USER_EMAIL_INVALID',
      message: `Email ${shown} contains an invisible character ${where}; retype the address.`,
      details: { field: 'email' },
    });
  });

  it.each(['1234567890', 'password12', 'qwertyuiop', 'Password12'])('refuses %j as a new user\'s password', async (password) => {
    await expect(createStaffUser(db(), shell, { email: 'weak@shop.example', name: 'W', role: 'agent', password })).rejects.toMatchObject({
      code: 'AUTH_PASSWORD_COMMON', message: commonRefusal, details: { field: 'password' },
    });
  });

  it('refuses a common password and the name before the @ when a user changes their own, keeping the old one', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'sari.wulandari@shop.example', name: 'Sari', role: 'agent', password: 'sari chose a long one' });
    const change = (newPassword: string) => changeOwnPassword(db(), { userId: user.userId, currentSessionHash: null, currentPassword: 'sari chose a long one', newPassword, now: new Date() });
    await expect(change('qwertyuiop')).rejects.toMatchObject({ code: 'AUTH_PASSWORD_COMMON', message: commonRefusal, details: { field: 'newPassword' } });
    await expect(change('Sari.Wulandari')).rejects.toMatchObject({ code: 'AUTH_PASSWORD_WEAK', details: { field: 'newPassword' } });
    expect((await change('sari now has another')).user.mustChangePassword).toBe(false);
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;
    let owner: TestSession;
    beforeAll(async () => {
      app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-03-02T09:00:00Z') });
      owner = await signInAs(context.store, 'owner');
    });
    afterAll(async () => app?.close());

    it('answers 400 for a look-alike of the owner\'s email and for a common password, and lists no look-alike', async () => {
      const create = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/api/users', headers: owner.headers, payload: { name: 'New', role: 'admin', ...payload } });
      const lookAlike = await create({ email: 'owner@clientele.local\u200B', password: 'a long enough password' });
      expect([lookAlike.statusCode, lookAlike.json().error]).toMatchObject([400, { code: 'USER_EMAIL_INVALID', field: 'email', message: expect.stringContaining('U+200B at position 22') }]);
      const common = await create({ email: 'new@shop.example', password: '1234567890' });
      expect([common.statusCode, common.json().error]).toMatchObject([400, { code: 'AUTH_PASSWORD_COMMON', field: 'password', message: commonRefusal }]);
      const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: owner.headers, payload: { currentPassword: owner.password, newPassword: 'password12' } });
      expect([changed.statusCode, changed.json().error]).toMatchObject([400, { code: 'AUTH_PASSWORD_COMMON', field: 'newPassword' }]);
      const emails = (await listUsers(db())).map((user) => user.email);
      expect(emails.filter((email) => /\p{Cf}/u.test(email))).toEqual([]);
      expect(emails).not.toContain('new@shop.example');
    });
  });
});
