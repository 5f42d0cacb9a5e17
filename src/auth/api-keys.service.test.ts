import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { parseApiKey } from './api-key-format.js';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import type { Caller } from './caller.js';
import { shellCaller } from './caller.js';
import { permissionsOfScopes } from './permissions.js';
import { sha256Hex } from './tokens.js';
import { createStaffUser, updateUser } from './users.service.js';

const now = new Date('2026-03-02T09:00:00Z');

describeEachStore('API keys', (context) => {
  const db = () => context.store.db;
  const shell = shellCaller('cli:test');

  it('shows the key once and stores only prefix and secret hash', async () => {
    const { apiKey, key } = await createApiKey(db(), shell, { name: 'shop-feed', scopes: ['ingest', 'ingest'] }, now);
    const parts = parseApiKey(key)!;
    expect(apiKey).toMatchObject({ name: 'shop-feed', prefix: parts.prefix, scopes: ['ingest'], createdBy: null });
    const rows = await db().selectFrom('api_key').selectAll().execute();
    expect(rows[0].secret_hash).toBe(sha256Hex(parts.secret));
    expect(JSON.stringify(rows)).not.toContain(parts.secret);
    expect(JSON.stringify(await listApiKeys(db()))).not.toContain(parts.secret);
  });

  it('authenticates a valid key and records its use', async () => {
    const { key, apiKey } = await createApiKey(db(), shell, { name: 'bi', scopes: ['read'] }, now);
    const found = await authenticateApiKey(db(), key, now);
    expect(found).toMatchObject({ apiKeyId: apiKey.apiKeyId, scopes: ['read'], scopesInEffect: ['read'], creator: null });
    const row = await db().selectFrom('api_key').select('last_used_at').where('api_key_id', '=', apiKey.apiKeyId).executeTakeFirstOrThrow();
    expect(row.last_used_at).toEqual(now);
  });

  it('refuses a key with the right prefix but a wrong secret', async () => {
    const { key } = await createApiKey(db(), shell, { name: 'x', scopes: ['read'] }, now);
    const tampered = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
    expect(await authenticateApiKey(db(), tampered, now)).toBeNull();
    expect(await authenticateApiKey(db(), 'clt_nonsense', now)).toBeNull();
  });

  it('refuses a revoked key, and a second revoke changes nothing', async () => {
    const { key, apiKey } = await createApiKey(db(), shell, { name: 'old', scopes: ['write'] }, now);
    const revoked = await revokeApiKey(db(), shell, apiKey.apiKeyId, now);
    expect(revoked.revokedAt).toEqual(now);
    expect(await authenticateApiKey(db(), key, now)).toBeNull();
    await revokeApiKey(db(), shell, apiKey.apiKeyId, new Date(now.getTime() + 1000));
    const audits = await db().selectFrom('audit_event').select('action').where('action', '=', 'api-key.revoke').execute();
    expect(audits).toHaveLength(1);
    await expect(revokeApiKey(db(), shell, 999_999, now)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
  });

  it('refuses the key of a disabled creator and narrows a demoted creator\'s key to the scopes the new role could grant', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'keymaker@shop.example', name: 'K', role: 'admin', password: 'keymaker has a long password' });
    const admin = { ...shell, actor: `user:${user.userId}:keymaker@shop.example`, role: 'admin' as const, userId: user.userId };
    const { key } = await createApiKey(db(), admin, { name: 'ops', scopes: ['admin', 'read'] }, now);
    expect((await authenticateApiKey(db(), key, now))?.scopesInEffect).toEqual(['admin', 'read']);
    await updateUser(db(), shell, user.userId, { role: 'analyst' }, now);
    expect((await authenticateApiKey(db(), key, now))?.scopesInEffect).toEqual(['read']);
    const listed = (await listApiKeys(db())).find((apiKey) => apiKey.name === 'ops');
    expect(listed).toMatchObject({ scopes: ['admin', 'read'], scopesInEffect: ['read'], creator: { userId: user.userId, email: 'keymaker@shop.example', role: 'analyst', isDisabled: false } });
    await updateUser(db(), shell, user.userId, { disabled: true }, now);
    expect(await authenticateApiKey(db(), key, now)).toBeNull();
    expect((await listApiKeys(db())).find((apiKey) => apiKey.name === 'ops')).toMatchObject({ scopesInEffect: [], creator: { isDisabled: true } });
  });

  it('records the creator of the calling key as the creator of a key it makes', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'parent@shop.example', name: 'P', role: 'admin', password: 'parent has a long password' });
    const parent = await createApiKey(db(), { ...shell, role: 'admin', userId: user.userId }, { name: 'parent', scopes: ['admin'] }, now);
    const viaKey = { ...shell, actor: 'api-key:parent', role: 'admin' as const, apiKeyId: parent.apiKey.apiKeyId };
    const child = await createApiKey(db(), viaKey, { name: 'child', scopes: ['ingest'] }, now);
    expect(child.apiKey.createdBy).toBe(user.userId);
  });

  it('refuses a key revoked, or whose creator was disabled, after its request was let in, instead of acting with it', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'late-revoke@shop.example', name: 'L', role: 'admin', password: 'late revoke has a long password' });
    const { user: colleague } = await createStaffUser(db(), shell, { email: 'colleague@shop.example', name: 'C', role: 'agent', password: 'colleague has a long password' });
    const revoked = await createApiKey(db(), { ...shell, role: 'admin', userId: user.userId }, { name: 'late-revoked', scopes: ['admin'] }, now);
    const ofDisabled = await createApiKey(db(), { ...shell, role: 'admin', userId: user.userId }, { name: 'late-disabled', scopes: ['admin'] }, now);
    const viaKey = (apiKeyId: number): Caller => ({ ...shell, actor: `api-key:${apiKeyId}:late`, role: 'admin', userId: null, apiKeyId });
    // authenticated when the request came in; revoked before its service ran
    await revokeApiKey(db(), shell, revoked.apiKey.apiKeyId, now);
    await expect(createApiKey(db(), viaKey(revoked.apiKey.apiKeyId), { name: 'late-child', scopes: ['read'] }, now)).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    await updateUser(db(), shell, user.userId, { disabled: true }, now);
    await expect(updateUser(db(), viaKey(ofDisabled.apiKey.apiKeyId), colleague.userId, { role: 'analyst' }, now)).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    expect((await listApiKeys(db())).filter((apiKey) => apiKey.name === 'late-child')).toEqual([]);
  });

  it('refuses unknown scopes and scopes beyond the caller’s own permissions', async () => {
    await expect(createApiKey(db(), shell, { name: 'x', scopes: ['root'] }, now)).rejects.toMatchObject({ code: 'API_KEY_SCOPE_INVALID' });
    const readKey: Caller = { actor: 'api-key:1:bi', role: 'admin', userId: null, apiKeyId: 1, permissions: permissionsOfScopes(['read']) };
    await expect(createApiKey(db(), readKey, { name: 'x', scopes: ['ingest'] }, now)).rejects.toMatchObject({ code: 'API_KEY_SCOPE_FORBIDDEN' });
  });
});
