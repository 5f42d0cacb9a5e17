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
    expect(found.status === 'valid' && found.apiKey).toMatchObject({ apiKeyId: apiKey.apiKeyId, scopes: ['read'], scopesInEffect: ['read'], creator: null });
    const row = await db().selectFrom('api_key').select('last_used_at').where('api_key_id', '=', apiKey.apiKeyId).executeTakeFirstOrThrow();
    expect(row.last_used_at).toEqual(now);
  });

  it('refuses a key with the right prefix but a wrong secret', async () => {
    const { key } = await createApiKey(db(), shell, { name: 'x', scopes: ['read'] }, now);
    const tampered = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
    expect(await authenticateApiKey(db(), tampered, now)).toEqual({ status: 'invalid' });
    expect(await authenticateApiKey(db(), 'clt_nonsense', now)).toEqual({ status: 'invalid' });
  });

  it('refuses a revoked key, and a second revoke changes nothing', async () => {
    const { key, apiKey } = await createApiKey(db(), shell, { name: 'old', scopes: ['write'] }, now);
    const { apiKey: revoked } = await revokeApiKey(db(), shell, apiKey.apiKeyId, now);
    expect(revoked).toMatchObject({ revokedAt: now, scopes: ['write'], scopesInEffect: [] });
    expect((await listApiKeys(db())).find((listed) => listed.apiKeyId === apiKey.apiKeyId)?.scopesInEffect).toEqual([]);
    expect(await authenticateApiKey(db(), key, now)).toEqual({ status: 'invalid' });
    await revokeApiKey(db(), shell, apiKey.apiKeyId, new Date(now.getTime() + 1000));
    const audits = await db().selectFrom('audit_event').select('action').where('action', '=', 'api-key.revoke').execute();
    expect(audits).toHaveLength(1);
    await expect(revokeApiKey(db(), shell, 999_999, now)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
  });

  it('refuses the key of a disabled creator and narrows a demoted creator\'s key to the scopes the new role could grant', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'keymaker@shop.example', name: 'K', role: 'admin', password: 'keymaker has a long password' });
    const admin = { ...shell, actor: `user:${user.userId}:keymaker@shop.example`, role: 'admin' as const, userId: user.userId };
    const { key, apiKey: ops } = await createApiKey(db(), admin, { name: 'ops', scopes: ['admin', 'read'] }, now);
    const inEffect = async (raw: string) => { const check = await authenticateApiKey(db(), raw, now); return check.status === 'valid' ? check.apiKey.scopesInEffect : check.status; };
    expect(await inEffect(key)).toEqual(['admin', 'read']);
    await updateUser(db(), shell, user.userId, { role: 'analyst' }, now);
    expect(await inEffect(key)).toEqual(['read']);
    const listed = (await listApiKeys(db())).find((apiKey) => apiKey.name === 'ops');
    expect(listed).toMatchObject({ scopes: ['admin', 'read'], scopesInEffect: ['read'], creator: { userId: user.userId, email: 'keymaker@shop.example', role: 'analyst', isDisabled: false } });
    await updateUser(db(), shell, user.userId, { disabled: true }, now);
    // said only to whoever holds the secret: a wrong secret still hears only that the key is not valid
    expect(await authenticateApiKey(db(), key, now)).toEqual({ status: 'creator-disabled', apiKeyId: ops.apiKeyId });
    expect(await authenticateApiKey(db(), key.slice(0, -1) + (key.endsWith('0') ? '1' : '0'), now)).toEqual({ status: 'invalid' });
    expect((await listApiKeys(db())).find((apiKey) => apiKey.name === 'ops')).toMatchObject({ scopesInEffect: [], creator: { isDisabled: true } });
  });

  it('records the creator of the calling key as the creator of a key it makes', async () => {
    const { user } = await createStaffUser(db(), shell, { email: 'parent@shop.example', name: 'P', role: 'admin', password: 'parent has a long password' });
    const parent = await createApiKey(db(), { ...shell, role: 'admin', userId: user.userId }, { name: 'parent', scopes: ['admin'] }, now);
    const viaKey = { ...shell, actor: 'api-key:parent', role: 'admin' as const, apiKeyId: parent.apiKey.apiKeyId };
    const child = await createApiKey(db(), viaKey, { name: 'child', scopes: ['ingest'] }, now);
    expect(child.apiKey).toMatchObject({ createdBy: user.userId, createdByKey: { apiKeyId: parent.apiKey.apiKeyId, name: 'parent' } });
    expect(parent.apiKey.createdByKey).toBeNull();
  });

  it('revokes with a key, in one go, every live key it made and theirs, auditing each as gone with its parent', async () => {
    const { user: owner } = await createStaffUser(db(), shell, { email: 'cascade-owner@shop.example', name: 'O', role: 'owner', password: 'cascade owner has a long password' });
    const { user: admin } = await createStaffUser(db(), shell, { email: 'cascade-admin@shop.example', name: 'A', role: 'admin', password: 'cascade admin has a long password' });
    const viaKey = (apiKeyId: number): Caller => ({ ...shell, actor: `api-key:${apiKeyId}:k`, role: 'admin', userId: null, apiKeyId, permissions: permissionsOfScopes(['admin', 'read', 'ingest']) });
    const adminCaller: Caller = { ...shell, actor: `user:${admin.userId}:cascade-admin@shop.example`, role: 'admin', userId: admin.userId };
    const root = await createApiKey(db(), adminCaller, { name: 'root', scopes: ['admin', 'read'] }, now);
    const child = await createApiKey(db(), viaKey(root.apiKey.apiKeyId), { name: 'child', scopes: ['admin', 'read'] }, now);
    const grandchild = await createApiKey(db(), viaKey(child.apiKey.apiKeyId), { name: 'grandchild', scopes: ['read'] }, now);
    const revokedEarlier = await createApiKey(db(), viaKey(root.apiKey.apiKeyId), { name: 'revoked-earlier', scopes: ['read'] }, now);
    await revokeApiKey(db(), shell, revokedEarlier.apiKey.apiKeyId, now);
    const sibling = await createApiKey(db(), adminCaller, { name: 'sibling', scopes: ['read'] }, now);
    const ofOwner = await createApiKey(db(), { ...shell, actor: `user:${owner.userId}:o`, userId: owner.userId }, { name: 'owners', scopes: ['read'] }, now);
    const later = new Date(now.getTime() + 60_000);

    const { lastAuditId } = await db().selectFrom('audit_event').select((eb) => eb.fn.max('audit_id').as('lastAuditId')).executeTakeFirstOrThrow();
    // the admin who made the root may revoke it; the keys under it go with it
    await revokeApiKey(db(), adminCaller, root.apiKey.apiKeyId, later);
    const byId = new Map((await listApiKeys(db())).map((key) => [key.apiKeyId, key]));
    expect([root, child, grandchild].map(({ apiKey }) => byId.get(apiKey.apiKeyId)?.revokedAt)).toEqual([later, later, later]);
    expect(byId.get(revokedEarlier.apiKey.apiKeyId)?.revokedAt).toEqual(now);
    expect([sibling, ofOwner].map(({ apiKey }) => byId.get(apiKey.apiKeyId)?.revokedAt)).toEqual([null, null]);
    for (const { key } of [child, grandchild]) expect(await authenticateApiKey(db(), key, later)).toEqual({ status: 'invalid' });

    const audits = await db().selectFrom('audit_event').select(['entity_id', 'actor', 'detail']).where('action', '=', 'api-key.revoke').where('audit_id', '>', Number(lastAuditId)).orderBy('audit_id').execute();
    expect(audits.map((audit) => [audit.entity_id, audit.actor])).toEqual([root, child, grandchild].map(({ apiKey }) => [String(apiKey.apiKeyId), adminCaller.actor]));
    expect(audits[0]!.detail).toEqual({ name: 'root', prefix: root.apiKey.prefix });
    expect(audits[2]!.detail).toMatchObject({ name: 'grandchild', revokedWithParentKey: child.apiKey.apiKeyId, reason: `API key #${child.apiKey.apiKeyId}, which made this key, was revoked.` });
  });

  it('keeps the refusal of an admin revoking an owner\'s key: its children stay live', async () => {
    const { user: owner } = await createStaffUser(db(), shell, { email: 'kept-owner@shop.example', name: 'O', role: 'owner', password: 'kept owner has a long password' });
    const { user: admin } = await createStaffUser(db(), shell, { email: 'kept-admin@shop.example', name: 'A', role: 'admin', password: 'kept admin has a long password' });
    const ownerKey = await createApiKey(db(), { ...shell, actor: `user:${owner.userId}:o`, userId: owner.userId }, { name: 'owner-root', scopes: ['admin'] }, now);
    const child = await createApiKey(db(), { ...shell, actor: 'api-key:owner-root', role: 'admin', userId: null, apiKeyId: ownerKey.apiKey.apiKeyId }, { name: 'owner-child', scopes: ['read'] }, now);
    await expect(revokeApiKey(db(), { ...shell, role: 'admin', userId: admin.userId }, ownerKey.apiKey.apiKeyId, now)).rejects.toMatchObject({ code: 'API_KEY_REVOKE_FORBIDDEN' });
    expect((await listApiKeys(db())).find((key) => key.apiKeyId === child.apiKey.apiKeyId)?.revokedAt).toBeNull();
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
