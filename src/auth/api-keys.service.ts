import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../db/schema.js';
import { formatApiKey, generateApiKeyParts, parseApiKey } from './api-key-format.js';
import { keyCreatorOf } from './acting-user.js';
import {
  findApiKeyWithCreatorById,
  findApiKeyWithCreatorByPrefix,
  insertApiKey,
  listApiKeyRows,
  markApiKeyRevoked,
  markApiKeyUsed,
  markDescendantKeysRevoked,
  type ApiKeyWithCreatorRow,
} from './api-keys.repo.js';
import { recordAudit } from './audit.js';
import { apiKeyNameInvalid, apiKeyNotFound, apiKeyRevokeForbidden, apiKeyScopeForbidden, apiKeyScopeInvalid } from './auth.errors.js';
import type { Caller } from './caller.js';
import { canGrantScopes, isApiKeyScope, scopesInEffect, type ApiKeyScope } from './permissions.js';
import { constantTimeEqual, sha256Hex } from './tokens.js';
import { apiKeyRevokeProblem } from './user-rules.js';

type Db = Kysely<Database>;

export type ApiKey = {
  apiKeyId: number;
  name: string;
  prefix: string;
  /** The scopes granted at creation; they never change. */
  scopes: string[];
  /**
   * The granted scopes the key may use today (see `scopesInEffect`): fewer once
   * its creator is demoted, none while they are disabled. The rest are suspended,
   * not lost: they return if the creator's role does.
   */
  scopesInEffect: string[];
  createdBy: number | null;
  /** Null for a key made from the shell. */
  creator: { userId: number; email: string; role: StaffRole; isDisabled: boolean } | null;
  /** The key that made this one, or null when a person or the shell did; revoking that key revokes this one too. */
  createdByKey: { apiKeyId: number; name: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

// Recording every use would make each ingest call also a write; a minute's precision is enough to spot stale keys.
const lastUsedPrecisionMs = 60 * 1000;

function toApiKey(row: ApiKeyWithCreatorRow): ApiKey {
  const isCreatorGone = row.created_by !== null && row.creator_role === null;
  const isCreatorDisabled = row.creator_disabled_at !== null;
  return {
    apiKeyId: Number(row.api_key_id),
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    // a revoked key can use nothing, whatever its creator's role
    scopesInEffect: row.revoked_at || isCreatorGone || isCreatorDisabled ? [] : scopesInEffect(row.scopes, row.creator_role),
    createdBy: row.created_by === null ? null : Number(row.created_by),
    creator: row.created_by === null || row.creator_role === null || row.creator_email === null
      ? null
      : { userId: Number(row.created_by), email: row.creator_email, role: row.creator_role, isDisabled: isCreatorDisabled },
    createdByKey: row.created_by_key === null ? null : { apiKeyId: Number(row.created_by_key), name: row.parent_key_name ?? '' },
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Creates a key. The full key is returned this once; only the prefix and a
 * SHA-256 of the secret are stored (a 256-bit random secret needs no slow hash,
 * and a fast one keeps every API call cheap). The key acts for the staff member
 * creating it; a key made by another key acts for that key's creator, so a key
 * cannot mint one that outlives its creator's access, and is recorded as that
 * key's child, so revoking the key revokes it too (`revokeApiKey`).
 */
export async function createApiKey(db: Db, caller: Caller, input: { name: string; scopes: string[] }, now: Date): Promise<{ apiKey: ApiKey; key: string }> {
  const name = input.name.trim();
  if (!name) throw apiKeyNameInvalid();
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw apiKeyScopeInvalid('(none)');
  for (const scope of scopes) if (!isApiKeyScope(scope)) throw apiKeyScopeInvalid(scope);
  const validScopes = scopes as ApiKeyScope[];
  for (const scope of validScopes) if (!canGrantScopes(caller.permissions, [scope])) throw apiKeyScopeForbidden(scope);
  const parts = generateApiKeyParts();
  return db.transaction().execute(async (trx) => {
    // a revoke of the calling key waits for this key to commit and then takes it along, or commits first and refuses it here
    if (caller.apiKeyId !== null) await trx.selectFrom('api_key').select('api_key_id').where('api_key_id', '=', caller.apiKeyId).forShare().execute();
    const createdBy = caller.apiKeyId === null ? caller.userId : await keyCreatorOf(trx, caller.apiKeyId);
    const row = await insertApiKey(trx, { name, prefix: parts.prefix, secretHash: sha256Hex(parts.secret), scopes: validScopes, createdBy: createdBy === null ? null : Number(createdBy), createdByKey: caller.apiKeyId, createdAt: now });
    const apiKey = await requireApiKey(trx, Number(row.api_key_id));
    await recordAudit(trx, { actor: caller.actor, action: 'api-key.create', entity: 'api_key', entityId: String(apiKey.apiKeyId), detail: { name, prefix: parts.prefix, scopes: validScopes } });
    return { apiKey, key: formatApiKey(parts) };
  });
}

export async function listApiKeys(db: Db, options: { includeRevoked: boolean } = { includeRevoked: true }): Promise<ApiKey[]> {
  return (await listApiKeyRows(db, options)).map(toApiKey);
}

/**
 * Revoking twice is fine and returns the key as it is; only the first revoke is audited. Only an
 * owner revokes an owner's or the shell's key (`apiKeyRevokeProblem`). The keys the key made, and
 * theirs in turn, are revoked with it, each audited: otherwise a leaked key could mint a copy of
 * itself that outlives its revocation. Whoever may revoke the key may revoke them, as they act for
 * the same creator. `revokedWith` lists those keys, for the revoker to be told what else stopped working.
 */
export async function revokeApiKey(db: Db, caller: Caller, apiKeyId: number, now: Date): Promise<{ apiKey: ApiKey; revokedWith: ApiKey[] }> {
  return db.transaction().execute(async (trx) => {
    const key = await requireApiKey(trx, apiKeyId);
    const problem = apiKeyRevokeProblem(caller, { apiKeyId, createdBy: key.createdBy, creatorRole: key.creator?.role ?? null });
    if (problem && !key.revokedAt) throw apiKeyRevokeForbidden(problem);
    const revoked = await markApiKeyRevoked(trx, apiKeyId, now);
    const revokedWith: ApiKey[] = [];
    if (revoked) {
      await recordAudit(trx, { actor: caller.actor, action: 'api-key.revoke', entity: 'api_key', entityId: String(apiKeyId), detail: { name: revoked.name, prefix: revoked.prefix } });
      // one after another: a transaction is one connection
      for (const descendantId of await revokeDescendants(trx, caller, apiKeyId, now)) revokedWith.push(await requireApiKey(trx, descendantId));
    }
    return { apiKey: await requireApiKey(trx, apiKeyId), revokedWith };
  });
}

/** Revokes the live keys `apiKeyId` made, and theirs, each audited with the key that made it; returns their ids, parents first. */
async function revokeDescendants(trx: Db, caller: Caller, apiKeyId: number, now: Date): Promise<number[]> {
  const descendants = await markDescendantKeysRevoked(trx, apiKeyId, now);
  for (const revoked of descendants) {
    const parentKeyId = Number(revoked.created_by_key);
    await recordAudit(trx, {
      actor: caller.actor,
      action: 'api-key.revoke',
      entity: 'api_key',
      entityId: String(revoked.api_key_id),
      detail: { name: revoked.name, prefix: revoked.prefix, revokedWithParentKey: parentKeyId, reason: `API key #${parentKeyId}, which made this key, was revoked.` },
    });
  }
  return descendants.map((revoked) => Number(revoked.api_key_id));
}

async function requireApiKey(db: Db, apiKeyId: number): Promise<ApiKey> {
  const row = await findApiKeyWithCreatorById(db, apiKeyId);
  if (!row) throw apiKeyNotFound(apiKeyId);
  return toApiKey(row);
}

/**
 * Whether a raw `clt_…` string is a live key ('invalid' for a wrong, unknown or revoked one).
 * 'creator-disabled' is said only once the secret matched, so it tells nothing to someone guessing.
 */
export type ApiKeyCheck = { status: 'valid'; apiKey: ApiKey } | { status: 'creator-disabled'; apiKeyId: number } | { status: 'invalid' };

/**
 * The live key behind a raw `clt_…` string; records when it was last
 * used. A key acts for the staff member who created it: it is refused while
 * that person is disabled, and may use only its `scopesInEffect` for their
 * current role, so a demoted admin's admin key loses its admin powers. Keys
 * made from the shell keep all their scopes.
 */
export async function authenticateApiKey(db: Db, raw: string, now: Date): Promise<ApiKeyCheck> {
  const parts = parseApiKey(raw);
  if (!parts) return { status: 'invalid' };
  const found = await findApiKeyWithCreatorByPrefix(db, parts.prefix);
  if (!found || found.revoked_at || !constantTimeEqual(sha256Hex(parts.secret), found.secret_hash)) return { status: 'invalid' };
  const isCreatorGone = found.created_by !== null && found.creator_role === null;
  if (isCreatorGone) return { status: 'invalid' };
  if (found.creator_disabled_at) return { status: 'creator-disabled', apiKeyId: Number(found.api_key_id) };
  if (!found.last_used_at || now.getTime() - found.last_used_at.getTime() >= lastUsedPrecisionMs) {
    await markApiKeyUsed(db, Number(found.api_key_id), now);
    return { status: 'valid', apiKey: toApiKey({ ...found, last_used_at: now }) };
  }
  return { status: 'valid', apiKey: toApiKey(found) };
}
