import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiKeyTable, Database, StaffRole } from '../db/schema.js';

type Db = Kysely<Database>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
/**
 * Creator columns are null for a key made from the shell (or, defensively, whose creator row is gone);
 * `parent_key_name` is null unless another key made this one (`created_by_key`).
 */
export type ApiKeyWithCreatorRow = ApiKeyRow & { creator_role: StaffRole | null; creator_email: string | null; creator_disabled_at: Date | null; parent_key_name: string | null };

function selectWithCreator(db: Db) {
  return db
    .selectFrom('api_key')
    .leftJoin('staff_user', 'staff_user.user_id', 'api_key.created_by')
    .leftJoin('api_key as parent_key', 'parent_key.api_key_id', 'api_key.created_by_key')
    .selectAll('api_key')
    .select(['staff_user.role as creator_role', 'staff_user.email as creator_email', 'staff_user.disabled_at as creator_disabled_at', 'parent_key.name as parent_key_name']);
}

export async function insertApiKey(
  db: Db,
  values: { name: string; prefix: string; secretHash: string; scopes: string[]; createdBy: number | null; createdByKey: number | null; createdAt: Date },
): Promise<ApiKeyRow> {
  return db
    .insertInto('api_key')
    .values({ name: values.name, prefix: values.prefix, secret_hash: values.secretHash, scopes: values.scopes, created_by: values.createdBy, created_by_key: values.createdByKey, created_at: values.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApiKeyWithCreatorByPrefix(db: Db, prefix: string): Promise<ApiKeyWithCreatorRow | undefined> {
  return selectWithCreator(db).where('api_key.prefix', '=', prefix).executeTakeFirst();
}

export async function findApiKeyWithCreatorById(db: Db, apiKeyId: number): Promise<ApiKeyWithCreatorRow | undefined> {
  return selectWithCreator(db).where('api_key.api_key_id', '=', apiKeyId).executeTakeFirst();
}

export async function listApiKeyRows(db: Db, options: { includeRevoked: boolean }): Promise<ApiKeyWithCreatorRow[]> {
  let query = selectWithCreator(db).orderBy('api_key.api_key_id');
  if (!options.includeRevoked) query = query.where('api_key.revoked_at', 'is', null);
  return query.execute();
}

/** Returns the row only if this call revoked it, so a second revoke is a no-op rather than a new audit event. */
export async function markApiKeyRevoked(db: Db, apiKeyId: number, at: Date): Promise<ApiKeyRow | undefined> {
  return db.updateTable('api_key').set({ revoked_at: at }).where('api_key_id', '=', apiKeyId).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

/**
 * Revokes the live keys descending from `apiKeyId` (the keys it made, theirs, …) in one statement,
 * and returns those it revoked, each with the key that made it.
 */
export async function markDescendantKeysRevoked(db: Db, apiKeyId: number, at: Date): Promise<Pick<ApiKeyRow, 'api_key_id' | 'name' | 'prefix' | 'created_by_key'>[]> {
  const result = await sql<Pick<ApiKeyRow, 'api_key_id' | 'name' | 'prefix' | 'created_by_key'>>`
    with recursive descendant as (
      select api_key_id from api_key where created_by_key = ${apiKeyId}
      union all
      select k.api_key_id from api_key k join descendant d on k.created_by_key = d.api_key_id)
    update api_key set revoked_at = ${at}
    where api_key_id in (select api_key_id from descendant) and revoked_at is null
    returning api_key_id, name, prefix, created_by_key`.execute(db);
  // an update returns rows in no set order; by id, a parent comes before the keys it made (they are younger)
  return result.rows.sort((a, b) => Number(a.api_key_id) - Number(b.api_key_id));
}

export async function markApiKeyUsed(db: Db, apiKeyId: number, at: Date): Promise<void> {
  await db.updateTable('api_key').set({ last_used_at: at }).where('api_key_id', '=', apiKeyId).execute();
}
