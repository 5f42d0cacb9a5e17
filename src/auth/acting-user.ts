import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findApiKeyWithCreatorById } from './api-keys.repo.js';
import { authRequired } from './auth.errors.js';
import type { Caller } from './caller.js';
import type { RuleCaller } from './user-rules.js';

type Db = Kysely<Database>;

/**
 * The staff member an API key acts for (null for a key made from the shell), read in the service's
 * transaction. The key was checked when the request came in; a revoke or a disabling of its creator
 * committed since (updateUser disables under the staff lock its callers hold) refuses it here as
 * authentication would have, rather than letting the request finish with its creator's old power.
 */
export async function keyCreatorOf(db: Db, apiKeyId: number): Promise<number | null> {
  const key = await findApiKeyWithCreatorById(db, apiKeyId);
  const isCreatorGone = key?.created_by != null && key.creator_role === null;
  if (!key || key.revoked_at || isCreatorGone || key.creator_disabled_at) {
    throw authRequired(`API key #${apiKeyId} was revoked, or its creator disabled, while this request ran; sign in, or use a live key.`);
  }
  return key.created_by === null ? null : Number(key.created_by);
}

/** The caller in the terms the user rules need: for an API key, with the staff member it acts for. */
export async function ruleCallerOf(db: Db, caller: Caller): Promise<RuleCaller> {
  if (caller.apiKeyId === null) return { role: caller.role, userId: caller.userId };
  return { role: caller.role, apiKeyId: caller.apiKeyId, keyCreatorId: await keyCreatorOf(db, caller.apiKeyId) };
}
