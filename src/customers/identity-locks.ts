import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { IdentityTriple } from './identity-resolution.js';

// the first key of the two-key advisory locks on identities; the one-key locks (merges 727275, migrations 727274) are another space
const identityLockClass = 727276;
/** Identities share this many locks: a batch of new people takes at most this many, however large it is. */
const identityLockBuckets = 256;

/**
 * Locks the creation of these identities for the transaction, so that two requests naming a person
 * neither has seen (an order by a new email sent twice at once) do not each create a customer: the
 * second waits for the first to commit, then finds the customer it created. Identities are hashed
 * into a fixed number of locks, taken in ascending order so that two batches never wait on each
 * other in a circle. A caller reads again, after this, the identities it found missing before.
 */
export async function lockIdentityCreation(db: Kysely<Database>, identities: readonly IdentityTriple[]): Promise<void> {
  if (identities.length === 0) return;
  await sql`
    select pg_advisory_xact_lock(${identityLockClass}::int, bucket) from (
      select distinct (hashtext(kind || '/' || namespace || '/' || value) & ${identityLockBuckets - 1}::int) as bucket
      from unnest(${identities.map((i) => i.kind)}::text[], ${identities.map((i) => i.namespace)}::text[], ${identities.map((i) => i.value)}::text[])
        as sent(kind, namespace, value)
      order by bucket
    ) buckets`.execute(db);
}
