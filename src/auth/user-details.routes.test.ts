import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestUser, signInAs, signInOverHttp, type TestSession } from '../../test/helpers/auth.js';

describeEachStore("a staff member's name and email over HTTP", (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const patch = (userId: number, headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers, payload });
  const errorOf = (response: { json: () => unknown }) => (response.json() as { error: { code: string; message: string; field?: string } }).error;
  const updatesOf = async (userId: number) =>
    ((await app.inject({ method: 'GET', url: `/api/audit?action=user.update&entityId=${userId}`, headers: owner.readHeaders })).json() as { items: Array<{ detail: Record<string, unknown> }> }).items;

  it('lets an owner change a name and an email, stored as sign-up stores it, with which the person signs in from then on', async () => {
    const colleague = await createTestUser(context.store, 'analyst');
    const before = await signInOverHttp(app, colleague.user.email, colleague.password);
    const changed = await patch(colleague.user.userId, owner.headers, { name: '  Rina Wijaya ', email: ' Rina.Wijaya@Shop.Example ' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ user: { userId: colleague.user.userId, name: 'Rina Wijaya', email: 'rina.wijaya@shop.example', role: 'analyst' } });
    expect((await signInOverHttp(app, colleague.user.email, colleague.password)).response.statusCode).toBe(401);
    expect((await signInOverHttp(app, 'RINA.WIJAYA@shop.example', colleague.password)).response.statusCode).toBe(200);
    // as after a role change, a session already open goes on, and names them by the new address
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before.headers.cookie! } });
    expect([me.statusCode, (me.json() as { email: string }).email]).toEqual([200, 'rina.wijaya@shop.example']);
    expect((await updatesOf(colleague.user.userId))[0]!.detail).toEqual({
      email: colleague.user.email,
      before: { role: 'analyst', disabled: false, name: 'Test analyst', email: colleague.user.email },
      changed: { name: 'Rina Wijaya', email: 'rina.wijaya@shop.example' },
    });
  });

  it('lets an owner name themselves and change the address they sign in with, staying signed in', async () => {
    const self = await signInAs(context.store, 'owner');
    const changed = await patch(self.user.userId, self.headers, { name: 'Budi Santoso', email: 'budi@shop.example' });
    expect(changed.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: self.readHeaders })).json()).toMatchObject({ name: 'Budi Santoso', email: 'budi@shop.example' });
    expect((await signInOverHttp(app, 'budi@shop.example', self.password)).response.statusCode).toBe(200);
  });

  it('refuses an email another user has, whatever its case, with 409 naming the field, and changes nothing', async () => {
    const taken = await createTestUser(context.store, 'agent');
    const colleague = await createTestUser(context.store, 'marketer');
    const refused = await patch(colleague.user.userId, owner.headers, { name: 'Renamed', email: taken.user.email.toUpperCase() });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toEqual({ code: 'USER_EMAIL_EXISTS', field: 'email', message: `A staff user with the email ${taken.user.email} already exists.` });
    const users = (await app.inject({ method: 'GET', url: '/api/users', headers: owner.readHeaders })).json() as { items: Array<{ userId: number; name: string; email: string }> };
    expect(users.items.find((user) => user.userId === colleague.user.userId)).toMatchObject({ name: 'Test marketer', email: colleague.user.email });
    expect(await updatesOf(colleague.user.userId)).toEqual([]);
  });

  it('refuses what is not an email address with 400 naming the field', async () => {
    const colleague = await createTestUser(context.store, 'agent');
    for (const email of ['not an address', 'no-at-sign.example', 'a@b\u200Bc.example', 'ab']) {
      const refused = await patch(colleague.user.userId, owner.headers, { email });
      expect(refused.statusCode, email).toBe(400);
      expect(errorOf(refused).field, email).toBe('email');
    }
    expect(errorOf(await patch(colleague.user.userId, owner.headers, { email: 'not an address' }))).toMatchObject({ code: 'USER_EMAIL_INVALID', message: '"not an address" is not an email address.' });
  });

  it('writes and audits nothing for the email the user already has, in another case', async () => {
    const colleague = await createTestUser(context.store, 'agent');
    const same = await patch(colleague.user.userId, owner.headers, { email: colleague.user.email.toUpperCase() });
    expect(same.statusCode).toBe(200);
    expect(await updatesOf(colleague.user.userId)).toEqual([]);
  });

  it('keeps an admin off an owner\'s email, as off every change to an owner, but lets them change anyone else\'s', async () => {
    const admin = await signInAs(context.store, 'admin');
    const refused = await patch(owner.user.userId, admin.headers, { email: 'takeover@shop.example' });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
    expect(errorOf(refused).message).toBe('Only an owner can change an owner.');
    const colleague = await createTestUser(context.store, 'analyst');
    expect((await patch(colleague.user.userId, admin.headers, { email: 'analyst.new@shop.example' })).statusCode).toBe(200);
  });

  it.each(['analyst', 'agent', 'marketer'] as const)('refuses a(n) %s with 403', async (role) => {
    const caller = await signInAs(context.store, role);
    const colleague = await createTestUser(context.store, 'agent');
    const refused = await patch(colleague.user.userId, caller.headers, { name: 'X', email: `by-${role}@shop.example` });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('refuses a caller without credentials with 401', async () => {
    const colleague = await createTestUser(context.store, 'agent');
    const refused = await patch(colleague.user.userId, {}, { email: 'anonymous@shop.example' });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([401, 'AUTH_REQUIRED']);
  });
});
