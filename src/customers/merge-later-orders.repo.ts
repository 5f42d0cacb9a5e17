import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/** An order of an ingest batch as written: its key, its buyer's refs in priority order, and the customer they resolved to. */
export type WrittenOrder = { source: string; externalId: string; customerId: number; refs: CustomerRef[] };

/**
 * Records the new orders of a batch that reached a merge's kept customer
 * through an identity the merge moved there (`customer_merge_order`), so that
 * undoing the merge moves them back to the person they came from. Call after
 * the batch's orders are written, in its transaction.
 *
 * A batch whose customers kept nothing in a merge pays one small read. The
 * identity a row resolved through is its first ref that was known before the
 * batch (what resolveBatchIdentities matches on); identities this transaction
 * attached are told apart by their creation time, which is the transaction's.
 * A merge of a merge (Y into X, then X into Z) records the order for both, so
 * undoing them one after the other brings it back to Y.
 */
export async function recordOrdersThroughMergedIdentities(db: Db, orders: WrittenOrder[]): Promise<void> {
  if (orders.length === 0) return;
  const customerIds = [...new Set(orders.map((order) => order.customerId))];
  const kept = await sql<{ customer_id: number }>`
    select distinct kept_customer_id as customer_id from customer_merge
    where undone_at is null and kept_customer_id = any(${customerIds}::bigint[])`.execute(db);
  if (kept.rows.length === 0) return;
  const keptIds = new Set(kept.rows.map((row) => Number(row.customer_id)));
  const candidates = orders.filter((order) => keptIds.has(order.customerId) && order.refs.length > 0);
  const refs = new Map(candidates.flatMap((order) => order.refs.map((ref) => [identityTripleKey(ref), toIdentityTriple(ref)] as const)));
  const existing = await sql<{ kind: CustomerRef['kind']; namespace: string; value: string; customer_id: number }>`
    select ci.kind, ci.namespace, ci.value, ci.customer_id from customer_identity ci
    join unnest(${[...refs.values()].map((i) => i.kind)}::text[], ${[...refs.values()].map((i) => i.namespace)}::text[], ${[...refs.values()].map((i) => i.value)}::text[])
      as wanted(kind, namespace, value) on ci.kind = wanted.kind and ci.namespace = wanted.namespace and ci.value = wanted.value
    where ci.created_at < now()`.execute(db);
  const ownerBefore = new Map(existing.rows.map((row) => [identityTripleKey(row), Number(row.customer_id)]));
  const matched = candidates.flatMap((order) => {
    const ref = order.refs.find((candidate) => ownerBefore.has(identityTripleKey(candidate)));
    return ref && ownerBefore.get(identityTripleKey(ref)) === order.customerId ? [{ order, identity: toIdentityTriple(ref) }] : [];
  });
  if (matched.length === 0) return;
  const column = <T>(pick: (entry: (typeof matched)[number]) => T) => matched.map(pick);
  await sql`
    with recursive arrived (source, external_id, customer_id, identity) as (
      select source, external_id, customer_id, jsonb_build_array(jsonb_build_object('kind', kind, 'namespace', namespace, 'value', value))
      from unnest(${column((e) => e.order.source)}::text[], ${column((e) => e.order.externalId)}::text[], ${column((e) => e.order.customerId)}::bigint[],
        ${column((e) => e.identity.kind)}::text[], ${column((e) => e.identity.namespace)}::text[], ${column((e) => e.identity.value)}::text[])
        as r(source, external_id, customer_id, kind, namespace, value)),
    through (merge_id, merged_customer_id, merged_at, source, external_id, customer_id, identity) as (
      select m.merge_id, m.merged_customer_id, m.merged_at, a.source, a.external_id, a.customer_id, a.identity
      from arrived a join customer_merge m on m.kept_customer_id = a.customer_id and m.undone_at is null and m.moved -> 'identities' @> a.identity
      union all
      select m.merge_id, m.merged_customer_id, m.merged_at, t.source, t.external_id, t.customer_id, t.identity
      from through t join customer_merge m on m.kept_customer_id = t.merged_customer_id and m.undone_at is null and m.moved -> 'identities' @> t.identity)
    insert into customer_merge_order (merge_id, order_id)
    select t.merge_id, o.order_id from through t
    join customer_order o on o.source = t.source and o.external_id = t.external_id and o.customer_id = t.customer_id
    where o.created_at > t.merged_at
    on conflict do nothing`.execute(db);
}
