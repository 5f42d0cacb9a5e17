import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * An order whose stale lines wait for its import's end (stale-lines.ts): what summing its
 * lines again needs, whether its total is that sum (`isSummed`), and whether its batch counted it,
 * and its first row, unchanged (`countedUnchanged`). An import of lines in several batches (a
 * lines file, an orders file's line rows) remembers every order its batches count unchanged here
 * too, for a later batch that changes the order (settleOrderFates, takeOrdersCountedUnchanged); one
 * without stale lines restated every line it had, so the import's end removes none of it.
 */
export type DeferredStaleLines = {
  customerId: number; orderId: number; factor: number; discountMinor: number; isSummed: boolean; countedUnchanged: boolean;
};

/**
 * Remembers a batch's deferred orders for its import (import_deferred_order), in the batch's
 * transaction, so a file import and an open API run, whose batches are separate requests, keep
 * them alike. An order an earlier batch deferred keeps what that batch said of it.
 */
export async function rememberDeferredStaleLines(db: Db, importId: number, orders: readonly DeferredStaleLines[]): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    insert into import_deferred_order (import_id, order_id, factor, discount_minor, is_summed, counted_unchanged)
    select ${importId}::bigint, d.* from unnest(${orders.map((o) => o.orderId)}::bigint[], ${orders.map((o) => o.factor)}::float8[],
      ${orders.map((o) => o.discountMinor)}::bigint[], ${orders.map((o) => o.isSummed)}::boolean[], ${orders.map((o) => o.countedUnchanged)}::boolean[])
      as d(order_id, factor, discount_minor, is_summed, counted_unchanged)
    on conflict (import_id, order_id) do nothing`.execute(db);
}

/**
 * Of these orders, those a batch of the import counted unchanged (and that no batch moved since),
 * to be counted updated by the caller's batch, which changed them: each is answered once, so an
 * order moves from unchanged to updated once, here or at the import's end (sweepDeferredStaleLines).
 */
export async function takeOrdersCountedUnchanged(db: Db, importId: number, orderIds: readonly number[]): Promise<Set<number>> {
  if (orderIds.length === 0) return new Set();
  const result = await sql<{ order_id: string }>`
    update import_deferred_order set counted_unchanged = false
    where import_id = ${importId}::bigint and counted_unchanged and order_id = any(${orderIds}::bigint[])
    returning order_id`.execute(db);
  return new Set(result.rows.map((row) => Number(row.order_id)));
}

/**
 * Forgets an import's deferred orders and removes their lines that an earlier import stored and
 * no batch of this one restated, in one statement; answers the orders that lost lines. The order's
 * customer is read now, since a merge may have moved the order since its batch.
 */
export async function removeDeferredStaleLines(db: Db, importId: number): Promise<DeferredStaleLines[]> {
  const result = await sql<{ customer_id: string; order_id: string; factor: number; discount_minor: string; is_summed: boolean; counted_unchanged: boolean }>`
    with deferred as (
      delete from import_deferred_order d where d.import_id = ${importId}::bigint
      returning d.order_id, d.factor, d.discount_minor, d.is_summed, d.counted_unchanged
    ), owned as (
      select o.customer_id, d.* from deferred d join customer_order o on o.order_id = d.order_id
    ), removed as (
      delete from order_line l using owned
      where l.customer_id = owned.customer_id and l.order_id = owned.order_id and l.import_id is distinct from ${importId}::bigint
      returning l.order_id
    )
    select owned.* from owned where owned.order_id in (select removed.order_id from removed)`.execute(db);
  return result.rows.map((row) => ({
    customerId: Number(row.customer_id), orderId: Number(row.order_id), factor: Number(row.factor), discountMinor: Number(row.discount_minor),
    isSummed: row.is_summed, countedUnchanged: row.counted_unchanged,
  }));
}

/** Deletes an import's deferred orders, leaving their stored lines: the import failed, as one killed does. */
export async function forgetDeferredStaleLines(db: Db, importId: number): Promise<void> {
  await sql`delete from import_deferred_order where import_id = ${importId}::bigint`.execute(db);
}
