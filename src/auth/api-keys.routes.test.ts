import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';

type Injected = { statusCode: number; json: () => unknown };
const outcomeOf = (response: Injected) => [response.statusCode, (response.json() as { error?: { code?: string } }).error?.code];

describeEachStore('API keys act for their creator over HTTP', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => {
    await app?.close();
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const createKey = async (headers: Record<string, string>, scopes: string[]) => {
    const response = await app.inject({ method: 'POST', url: '/api/api-keys', headers, payload: { name: `key-${scopes.join('-')}`, scopes } });
    expect(response.statusCode).toBe(201);
    return (response.json() as { key: string }).key;
  };
  const changeUser = (userId: number, payload: object) => app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: owner.headers, payload });
  const listUsers = (key: string) => app.inject({ method: 'GET', url: '/api/users', headers: bearer(key) });

  it('refuses the keys of a disabled admin, including keys those keys made, and honours them again once re-enabled', async () => {
    const admin = await signInAs(context.store, 'admin');
    const key = await createKey(admin.headers, ['admin']);
    const madeByKey = await createKey(bearer(key), ['admin']);
    expect((await listUsers(key)).statusCode).toBe(200);
    expect((await changeUser(admin.user.userId, { disabled: true })).statusCode).toBe(200);
    for (const refused of [key, madeByKey]) {
      expect(outcomeOf(await listUsers(refused))).toEqual([401, 'AUTH_REQUIRED']);
    }
    const create = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(key), payload: { email: 'late@shop.example', name: 'L', role: 'admin', password: 'a long enough password' } });
    expect(create.statusCode).toBe(401);
    expect((await changeUser(admin.user.userId, { disabled: false })).statusCode).toBe(200);
    expect((await listUsers(madeByKey)).statusCode).toBe(200);
  });

  it("cuts a demoted admin's key down to what the new role could grant", async () => {
    const admin = await signInAs(context.store, 'admin');
    const key = await createKey(admin.headers, ['admin', 'read']);
    expect((await changeUser(admin.user.userId, { role: 'marketer' })).statusCode).toBe(200);
    expect(outcomeOf(await listUsers(key))).toEqual([403, 'AUTH_FORBIDDEN']);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: bearer(key) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/customers', headers: bearer(key) })).statusCode).toBe(200);
  });

  it("says a demoted creator's key has its scope suspended, and lists the scopes in effect beside those granted", async () => {
    const admin = await signInAs(context.store, 'admin');
    const key = await createKey(admin.headers, ['ingest']);
    expect((await changeUser(admin.user.userId, { role: 'agent' })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers: bearer(key), payload: { orders: [] } });
    expect(outcomeOf(refused)).toEqual([403, 'AUTH_FORBIDDEN']);
    const message = (refused.json() as { error: { message: string } }).error.message;
    expect(message).toMatch(/scope "ingest" is suspended because its creator's role no longer grants it/);
    expect(message).toMatch(/an owner or admin must create a new key/);
    expect(message).not.toMatch(/\(none\)/);
    const listed = (await app.inject({ method: 'GET', url: '/api/api-keys', headers: owner.readHeaders })).json() as { items: Array<{ prefix: string; scopes: string[]; scopesInEffect: string[]; creator: unknown }> };
    const listedKey = listed.items.find((item) => key.startsWith(`clt_${item.prefix}_`));
    expect(listedKey).toMatchObject({ scopes: ['ingest'], scopesInEffect: [], creator: { userId: admin.user.userId, email: admin.user.email, role: 'agent', isDisabled: false } });
  });

  it('keeps the audit log from read keys; the audit scope reads it', async () => {
    const read = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: read.headers })).statusCode).toBe(403);
    const audit = await createTestApiKey(context.store, ['audit']);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: audit.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/customers', headers: audit.headers })).statusCode).toBe(403);
  });
});
