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
      const answer = await listUsers(refused);
      expect(outcomeOf(answer)).toEqual([401, 'AUTH_REQUIRED']);
      expect((answer.json() as { error: { message: string } }).error.message).toMatch(/^API key #\d+ acts for a staff member who is disabled, so it is refused while they are; an owner or admin must re-enable them, or make a new key\.$/);
    }
    // a wrong secret hears nothing of the creator
    const wrongSecret = await listUsers(key.slice(0, -1) + (key.endsWith('0') ? '1' : '0'));
    expect([outcomeOf(wrongSecret), (wrongSecret.json() as { error: { message: string } }).error.message]).toEqual([[401, 'AUTH_REQUIRED'], 'The API key is not valid or has been revoked.']);
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

  const errorOf = (response: Injected) => (response.json() as { error: { code: string; message: string } }).error;
  const userOf = async (userId: number) =>
    ((await app.inject({ method: 'GET', url: '/api/users', headers: owner.readHeaders })).json() as { items: Array<{ userId: number; role: string; disabledAt: string | null }> }).items.find((user) => user.userId === userId);

  it('refuses an admin key, and a key that key made, that would disable, demote or reset the password of their creator', async () => {
    const admin = await signInAs(context.store, 'admin');
    const key = await createKey(admin.headers, ['admin']);
    const madeByKey = await createKey(bearer(key), ['admin']);
    for (const acting of [key, madeByKey]) {
      const disable = await app.inject({ method: 'PATCH', url: `/api/users/${admin.user.userId}`, headers: bearer(acting), payload: { disabled: true } });
      expect(outcomeOf(disable)).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
      expect(errorOf(disable).message).toBe(`This API key acts for user #${admin.user.userId}, who created it, and cannot disable them, as they cannot disable themselves; ask an owner or another admin to do it.`);
      const demote = await app.inject({ method: 'PATCH', url: `/api/users/${admin.user.userId}`, headers: bearer(acting), payload: { role: 'analyst' } });
      expect(outcomeOf(demote)).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
      expect(errorOf(demote).message).toMatch(/cannot change their role, as they cannot themselves; ask an owner or another admin to do it/);
      const reset = await app.inject({ method: 'POST', url: `/api/users/${admin.user.userId}/reset-password`, headers: bearer(acting) });
      expect(outcomeOf(reset)).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
      expect(errorOf(reset).message).toMatch(/cannot reset their password; they change it signed in with their current one \(POST \/api\/auth\/password\)/);
    }
    expect(await userOf(admin.user.userId)).toMatchObject({ role: 'admin', disabledAt: null });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.readHeaders })).statusCode).toBe(200);
    const rename = await app.inject({ method: 'PATCH', url: `/api/users/${admin.user.userId}`, headers: bearer(key), payload: { name: 'Renamed by key' } });
    expect(rename.statusCode).toBe(200);
    // other staff it may still change, as its creator could
    const colleague = await signInAs(context.store, 'admin');
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${colleague.user.userId}`, headers: bearer(key), payload: { disabled: true } })).statusCode).toBe(200);
  });

  it("tells an owner's key that it cannot disable its creator, and leaves the owner enabled", async () => {
    const otherOwner = await signInAs(context.store, 'owner');
    const key = await createKey(otherOwner.headers, ['admin']);
    const disable = await app.inject({ method: 'PATCH', url: `/api/users/${otherOwner.user.userId}`, headers: bearer(key), payload: { disabled: true } });
    expect(outcomeOf(disable)).toEqual([403, 'USER_CHANGE_FORBIDDEN']);
    expect(errorOf(disable).message).toMatch(/acts for user #\d+, who created it, and cannot disable them.*ask another owner to do it/);
    expect(await userOf(otherOwner.user.userId)).toMatchObject({ role: 'owner', disabledAt: null });
  });

  it("tells an owner's key, which acts within an admin's limits, to sign in as an owner to change or reset another owner", async () => {
    const keyOwner = await signInAs(context.store, 'owner');
    const otherOwner = await signInAs(context.store, 'owner');
    const key = await createKey(keyOwner.headers, ['admin']);
    const disable = await app.inject({ method: 'PATCH', url: `/api/users/${otherOwner.user.userId}`, headers: bearer(key), payload: { disabled: true } });
    expect([outcomeOf(disable), errorOf(disable).message]).toEqual([[403, 'USER_CHANGE_FORBIDDEN'], "An API key acts within an admin's limits, even one an owner made, so it never changes an owner; sign in as an owner instead."]);
    const promote = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(key), payload: { email: 'key-made-owner@shop.example', name: 'K', role: 'owner', password: 'a long enough password' } });
    expect(errorOf(promote).message).toBe("An API key acts within an admin's limits, even one an owner made, so it never makes someone an owner; sign in as an owner instead.");
    const reset = await app.inject({ method: 'POST', url: `/api/users/${otherOwner.user.userId}/reset-password`, headers: bearer(key) });
    expect([outcomeOf(reset), errorOf(reset).message]).toEqual([[403, 'USER_CHANGE_FORBIDDEN'], "An API key acts within an admin's limits, even one an owner made, so it never resets an owner's password; sign in as an owner instead."]);
    expect(await userOf(otherOwner.user.userId)).toMatchObject({ role: 'owner', disabledAt: null });
  });

  it('revokes the keys a key made with it, and says which key made each', async () => {
    const admin = await signInAs(context.store, 'admin');
    const parentKey = await createKey(admin.headers, ['admin']);
    const childKey = await createKey(bearer(parentKey), ['read']);
    const listed = (await app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.readHeaders })).json() as { items: { apiKeyId: number; prefix: string; name: string; createdByKey: { apiKeyId: number; name: string } | null; revokedAt: string | null; scopesInEffect: string[] }[] };
    const find = (items: typeof listed.items, raw: string) => items.find((item) => raw.startsWith(`clt_${item.prefix}_`))!;
    const parent = find(listed.items, parentKey);
    expect(find(listed.items, childKey).createdByKey).toEqual({ apiKeyId: parent.apiKeyId, name: parent.name });
    expect(parent.createdByKey).toBeNull();
    expect((await app.inject({ method: 'DELETE', url: `/api/api-keys/${parent.apiKeyId}`, headers: admin.headers })).statusCode).toBe(200);
    expect(outcomeOf(await app.inject({ method: 'GET', url: '/api/customers', headers: bearer(childKey) }))).toEqual([401, 'AUTH_REQUIRED']);
    const after = (await app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.readHeaders })).json() as typeof listed;
    expect(find(after.items, childKey)).toMatchObject({ revokedAt: expect.any(String), scopesInEffect: [] });
  });

  it("keeps an owner's and the shell's keys from admins and their keys, while owners and the key itself may revoke them", async () => {
    const admin = await signInAs(context.store, 'admin');
    const adminKey = await createKey(admin.headers, ['admin']);
    const ownerKey = await app.inject({ method: 'POST', url: '/api/api-keys', headers: owner.headers, payload: { name: 'owner-feed', scopes: ['admin'] } });
    const ownerKeyId = (ownerKey.json() as { apiKey: { apiKeyId: number } }).apiKey.apiKeyId;
    const shellKey = await createTestApiKey(context.store, ['read']);
    const revoke = (apiKeyId: number, headers: Record<string, string>) => app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKeyId}`, headers });
    for (const headers of [admin.headers, bearer(adminKey)]) {
      const byOwner = await revoke(ownerKeyId, headers);
      expect(outcomeOf(byOwner)).toEqual([403, 'API_KEY_REVOKE_FORBIDDEN']);
      expect(errorOf(byOwner).message).toMatch(/acts for an owner \(user #\d+\); only an owner can revoke it/);
      const byShell = await revoke(shellKey.apiKeyId, headers);
      expect(outcomeOf(byShell)).toEqual([403, 'API_KEY_REVOKE_FORBIDDEN']);
      expect(errorOf(byShell).message).toMatch(/made from the shell/);
    }
    expect((await app.inject({ method: 'GET', url: '/api/customers', headers: shellKey.headers })).statusCode).toBe(200);
    const keyOfAdmin = (await app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.headers })).json() as { items: { apiKeyId: number; revokedAt: string | null }[] };
    expect(keyOfAdmin.items.find((key) => key.apiKeyId === ownerKeyId)?.revokedAt).toBeNull();
    expect((await revoke(ownerKeyId, bearer((ownerKey.json() as { key: string }).key))).statusCode).toBe(200);
    expect((await revoke(shellKey.apiKeyId, owner.headers)).statusCode).toBe(200);
    const ownAdminKey = await createKey(admin.headers, ['read']);
    const listed = (await app.inject({ method: 'GET', url: '/api/api-keys', headers: admin.headers })).json() as { items: { apiKeyId: number; name: string }[] };
    const ownAdminKeyId = listed.items.filter((key) => key.name === 'key-read').at(-1)!.apiKeyId;
    expect((await revoke(ownAdminKeyId, admin.headers)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/customers', headers: bearer(ownAdminKey) })).statusCode).toBe(401);
  });

  it('keeps the audit log from read keys; the audit scope reads it', async () => {
    const read = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: read.headers })).statusCode).toBe(403);
    const audit = await createTestApiKey(context.store, ['audit']);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: audit.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/customers', headers: audit.headers })).statusCode).toBe(403);
  });
});
