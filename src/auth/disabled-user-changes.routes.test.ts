import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestUser, signInAs, signInOverHttp, type TestSession } from '../../test/helpers/auth.js';

describeEachStore('changes to a disabled staff user over HTTP', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const auditOf = async (action: string, userId: number) =>
    (await app.inject({ method: 'GET', url: `/api/audit?action=${action}&entityId=${userId}`, headers: owner.readHeaders })).json() as { items: Array<{ detail: Record<string, unknown> }> };

  it('refuses to reset the password of a disabled user, whom no password lets sign in, until they are enabled', async () => {
    const away = await createTestUser(context.store, 'analyst');
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${away.user.userId}`, headers: owner.headers, payload: { disabled: true } })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: `/api/users/${away.user.userId}/reset-password`, headers: owner.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'USER_DISABLED_CONFLICT', message: `${away.user.email} is disabled, so a new password would not let them sign in: enable them first, then reset their password.` } });
    expect((await auditOf('user.password.reset', away.user.userId)).items).toHaveLength(0);
    // the password they had still stands: nothing was changed
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${away.user.userId}`, headers: owner.headers, payload: { disabled: false } })).statusCode).toBe(200);
    expect((await signInOverHttp(app, away.user.email, away.password)).response.statusCode).toBe(200);
    const reset = await app.inject({ method: 'POST', url: `/api/users/${away.user.userId}/reset-password`, headers: owner.headers });
    expect(reset.statusCode).toBe(200);
  });

  it('writes and audits nothing for a change to what the user already has', async () => {
    const user = await createTestUser(context.store, 'agent');
    for (let time = 0; time < 2; time += 1) {
      const disabled = await app.inject({ method: 'PATCH', url: `/api/users/${user.user.userId}`, headers: owner.headers, payload: { disabled: true } });
      expect(disabled.json()).toMatchObject({ user: { disabledAt: expect.any(String) } });
    }
    await app.inject({ method: 'PATCH', url: `/api/users/${user.user.userId}`, headers: owner.headers, payload: { role: 'agent', name: 'Test agent' } });
    const audited = await auditOf('user.update', user.user.userId);
    expect(audited.items.map((item) => item.detail.changed)).toEqual([{ disabled: true }]);
  });
});
