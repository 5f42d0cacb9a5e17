import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, signInOverHttp, type TestSession } from '../../test/helpers/auth.js';

type AuditItem = { actor: string; action: string; entity: string; entityId: string | null; detail: Record<string, unknown> };

// A session on a one-time password reaching past the password change was refused without a trace,
// unlike every other signed-in caller refused: a leaked one-time password being tried out went unseen.
describeEachStore('a one-time password\'s refusals in the audit log', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const refusalsBy = async (actor: string) => {
    const response = await app.inject({ method: 'GET', url: '/api/audit?action=access.refused&limit=200', headers: owner.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: AuditItem[] }).items
      .filter((item) => item.actor === actor)
      .map(({ entity, entityId, detail }) => ({ entity, entityId, detail }));
  };

  it('records a call past the password change as access.refused with the code, folded within the minute, and not the password change itself', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: owner.headers, payload: { email: 'one-time@shop.example', name: 'One Time', role: 'admin' } });
    expect(created.statusCode, created.body).toBe(201);
    const { oneTimePassword, user } = created.json() as { oneTimePassword: string; user: { userId: number } };
    const signedIn = await signInOverHttp(app, 'one-time@shop.example', oneTimePassword);
    expect(signedIn.response.json()).toMatchObject({ user: { mustChangePassword: true } });
    const actor = `user:${user.userId}:one-time@shop.example`;

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const blocked = await app.inject({ method: 'GET', url: '/api/customers?limit=5', headers: signedIn.headers });
      expect([blocked.statusCode, (blocked.json() as { error: { code: string } }).error.code]).toEqual([403, 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN']);
    }
    const write = await app.inject({ method: 'POST', url: '/api/customers', headers: signedIn.headers, payload: { name: 'Not yet' } });
    expect(write.statusCode).toBe(403);
    // the role may do both; what stops it is the password not yet its own, which the code says
    expect(await refusalsBy(actor)).toEqual([
      { entity: 'POST /api/customers', entityId: null, detail: { permission: 'customers:write', code: 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN', method: 'POST', route: '/api/customers', count: 1 } },
      { entity: 'GET /api/customers', entityId: null, detail: { permission: 'customers:read', code: 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN', method: 'GET', route: '/api/customers', count: 2 } },
    ]);

    // what the session may still do is no refusal: reading itself, changing the password
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: signedIn.headers })).statusCode).toBe(200);
    const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: signedIn.headers, payload: { currentPassword: oneTimePassword, newPassword: 'a passphrase of my own' } });
    expect(changed.statusCode, changed.body).toBe(200);
    const refusals = await refusalsBy(actor);
    expect(refusals.map((refusal) => refusal.entity)).toEqual(['POST /api/customers', 'GET /api/customers']);

    // and once changed, the same call goes through, leaving no refusal
    const cookie = changed.cookies.find((candidate) => candidate.name === 'clientele_session')!;
    expect((await app.inject({ method: 'GET', url: '/api/customers?limit=5', headers: { cookie: `clientele_session=${cookie.value}` } })).statusCode).toBe(200);
    expect(await refusalsBy(actor)).toEqual(refusals);
  });
});
