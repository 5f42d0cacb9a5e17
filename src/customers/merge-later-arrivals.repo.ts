import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/**
 * A row of an ingest batch as written: its key, the refs of the person it
 * names in priority order (an order's buyer, an event's person, a gift's recipient),
 * and the customer they resolved to.
 */
export type ArrivedRow = { source: string; externalId: string; customerId: number; refs: CustomerRef[] };

/**
 * What came to a kept customer: their own order, an interest event, or a gift
 * (an order naming them as its recipient). Each has its table of arrivals and
 * its way from the row's key to the stored row's id.
 */
export type ArrivalKind = 'order' | 'event' | 'gift';

const arrivalTargets: Record<ArrivalKind, { table: string; id: string; stored: (arrived: RawBuilder<unknown>) => RawBuilder<unknown> }> = {
  order: {
    table: 'customer_merge_order', id: 'order_id',
    stored: (t) => sql`customer_order x on x.source = ${t}.source and x.external_id = ${t}.external_id and x.customer_id = ${t}.customer_id`,
  },
  event: {
    table: 'customer_merge_event', id: 'event_id',
    stored: (t) => sql`interest_event x on x.source = ${t}.source and x.external_id = ${t}.external_id and x.customer_id = ${t}.customer_id`,
  },
  gift: {
    table: 'customer_merge_gift', id: 'order_id',
    stored: (t) => sql`customer_order x on x.source = ${t}.source and x.external_id = ${t}.external_id and x.recipient_customer_id = ${t}.customer_id`,
  },
};

/**
 * Records the new rows of a batch that reached a merge's kept customer through
 * an identity the merge moved there (`customer_merge_order`, `_event`,
 * `_gift`), so that undoing the merge moves them back to the person they came
 * from. Call after the batch's rows are written, in its transaction.
 *
 * A batch whose customers kept nothing in a merge pays one small read. The
 * identity a row resolved through is its first ref that was known before the
 * batch (what resolveBatchIdentities matches on); identities this transaction
 * attached are told apart by their creation time, which is the transaction's.
 * A merge of a merge (Y into X, then X into Z) records the row for both, so
 * undoing them one after the other brings it back to Y.
 */
export async function recordArrivalsThroughMergedIdentities(db: Db, kind: ArrivalKind, rows: ArrivedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const customerIds = [...new Set(rows.map((row) => row.customerId))];
  const kept = await sql<{ customer_id: number }>`
    select distinct kept_customer_id as customer_id from customer_merge
    where undone_at is null and kept_customer_id = any(${customerIds}::bigint[])`.execute(db);
  if (kept.rows.length === 0) return;
  const keptIds = new Set(kept.rows.map((row) => Number(row.customer_id)));
  const candidates = rows.filter((row) => keptIds.has(row.customerId) && row.refs.length > 0);
  const refs = new Map(candidates.flatMap((row) => row.refs.map((ref) => [identityTripleKey(ref), toIdentityTriple(ref)] as const)));
  const existing = await sql<{ kind: CustomerRef['kind']; namespace: string; value: string; customer_id: number }>`
    select ci.kind, ci.namespace, ci.value, ci.customer_id from customer_identity ci
    join unnest(${[...refs.values()].map((i) => i.kind)}::text[], ${[...refs.values()].map((i) => i.namespace)}::text[], ${[...refs.values()].map((i) => i.value)}::text[])
      as wanted(kind, namespace, value) on ci.kind = wanted.kind and ci.namespace = wanted.namespace and ci.value = wanted.value
    where ci.created_at < now()`.execute(db);
  const ownerBefore = new Map(existing.rows.map((row) => [identityTripleKey(row), Number(row.customer_id)]));
  const matched = candidates.flatMap((row) => {
    const ref = row.refs.find((candidate) => ownerBefore.has(identityTripleKey(candidate)));
    return ref && ownerBefore.get(identityTripleKey(ref)) === row.customerId ? [{ row, identity: toIdentityTriple(ref) }] : [];
  });
  if (matched.length === 0) return;
  const target = arrivalTargets[kind];
  const column = <T>(pick: (entry: (typeof matched)[number]) => T) => matched.map(pick);
  await sql`
    with recursive arrived (source, external_id, customer_id, identity) as (
      select source, external_id, customer_id, jsonb_build_array(jsonb_build_object('kind', kind, 'namespace', namespace, 'value', value))
      from unnest(${column((e) => e.row.source)}::text[], ${column((e) => e.row.externalId)}::text[], ${column((e) => e.row.customerId)}::bigint[],
        ${column((e) => e.identity.kind)}::text[], ${column((e) => e.identity.namespace)}::text[], ${column((e) => e.identity.value)}::text[])
        as r(source, external_id, customer_id, kind, namespace, value)),
    through (merge_id, merged_customer_id, merged_at, source, external_id, customer_id, identity) as (
      select m.merge_id, m.merged_customer_id, m.merged_at, a.source, a.external_id, a.customer_id, a.identity
      from arrived a join customer_merge m on m.kept_customer_id = a.customer_id and m.undone_at is null and m.moved -> 'identities' @> a.identity
      union all
      select m.merge_id, m.merged_customer_id, m.merged_at, t.source, t.external_id, t.customer_id, t.identity
      from through t join customer_merge m on m.kept_customer_id = t.merged_customer_id and m.undone_at is null and m.moved -> 'identities' @> t.identity)
    insert into ${sql.table(target.table)} (merge_id, ${sql.ref(target.id)})
    select t.merge_id, ${sql.ref(`x.${target.id}`)} from through t
    join ${target.stored(sql`t`)}
    -- written after the merge; or by this transaction, which holds merges out (lockOutCustomerMerges)
    -- and so came after any merge it sees, though it may have begun before that merge did
    where (x.created_at > t.merged_at or x.created_at = now())
    on conflict do nothing`.execute(db);
}
