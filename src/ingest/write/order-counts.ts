import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { orderKeyOf, type ImportEntity } from '../canonical.js';
import type { WriteContext } from './batch-context.js';
import { rememberDeferredStaleLines, takeOrdersCountedUnchanged, type DeferredStaleLines } from './deferred-stale-lines.repo.js';

/**
 * Orders beside the row counts: an orders export holds one row per order line,
 * so its rows are not its orders. Each order the batch names counts once, as
 * what it became: `rejected` when none of its rows was stored. A lines file
 * adds no orders: an order whose lines it changed is `updated`.
 */
export type OrderCounts = { inserted: number; updated: number; unchanged: number; rejected: number };

/**
 * What a batch did to one order; `counted`: an earlier batch of the same import counted it already;
 * `changedAfterUnchanged`: an earlier batch counted it unchanged and this one changed it, so the
 * batch moves it from unchanged to updated (a batch's counts are what it adds to its import's).
 */
export type OrderFate = keyof OrderCounts | 'counted' | 'changedAfterUnchanged';

/** Files of these entities name orders; the others have no order counts. */
export function hasOrderCounts(entity: ImportEntity): entity is 'orders' | 'lines' {
  return entity === 'orders' || entity === 'lines';
}

export const emptyOrderCounts = (): OrderCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

export function addOrderCounts(sum: OrderCounts, counts: OrderCounts): OrderCounts {
  return { inserted: sum.inserted + counts.inserted, updated: sum.updated + counts.updated, unchanged: sum.unchanged + counts.unchanged, rejected: sum.rejected + counts.rejected };
}

/** One count per order: orders counted by an earlier batch are left out, or moved when it counted them unchanged too soon. */
export function tallyOrderFates(fates: Iterable<OrderFate>): OrderCounts {
  const counts = emptyOrderCounts();
  for (const fate of fates) {
    if (fate === 'counted') continue;
    if (fate === 'changedAfterUnchanged') {
      counts.updated += 1;
      counts.unchanged -= 1;
    } else counts[fate] += 1;
  }
  return counts;
}

/** An order a batch wrote: whether the batch changed it, and whether an earlier batch of its import counted it. */
export type OrderWritten = { key: string; orderId: number; isChanged: boolean; isCountedEarlier: boolean };

/**
 * Each order's fate in this batch, for both writers of lines (an orders file's line rows,
 * write-orders.ts; a lines file, write-lines.ts). An order an earlier batch counted is not counted
 * again, unless that batch counted it unchanged and this one changed it (a new or changed line in
 * the order's later rows, as in a file sorted by product): it moves to updated, once
 * (takeOrdersCountedUnchanged). So that a later batch knows, an import of several batches remembers
 * the orders it counts unchanged (import_deferred_order, written in the batch's transaction, since
 * an open API run's batches are separate requests); `rememberedUnchanged` describes one as its
 * writer knows it.
 */
export async function settleOrderFates(
  db: Kysely<Database>, orders: readonly OrderWritten[], context: Pick<WriteContext, 'importId' | 'defersStaleLines'>,
  fates: Map<string, OrderFate>, rememberedUnchanged: (orderId: number) => DeferredStaleLines,
): Promise<void> {
  const changedLater = [...new Set(orders.filter((order) => order.isCountedEarlier && order.isChanged).map((order) => order.orderId))];
  const movedToUpdated = await takeOrdersCountedUnchanged(db, context.importId, changedLater);
  for (const order of orders) {
    if (order.isCountedEarlier) fates.set(order.key, movedToUpdated.has(order.orderId) ? 'changedAfterUnchanged' : 'counted');
    else fates.set(order.key, order.isChanged ? 'updated' : 'unchanged');
  }
  if (!context.defersStaleLines) return;
  const unchanged = new Set(orders.filter((order) => !order.isCountedEarlier && !order.isChanged).map((order) => order.orderId));
  await rememberDeferredStaleLines(db, context.importId, [...unchanged].map(rememberedUnchanged));
}

/**
 * The batch's order counts. `rejectedKeys` (order keys, see orderKeyOf) are
 * orders some of whose rows were rejected before the writer knew what stored
 * them; one without a fate in `fates` stored no row in this batch, and is
 * rejected unless an earlier batch of this import stored it (an order whose
 * rows are apart in the file, or an id repeated): that batch counted it.
 * Looked up only when such orders exist.
 */
export async function countOrders(
  db: Kysely<Database>, entity: 'orders' | 'lines', fates: Map<string, OrderFate>, rejectedKeys: Iterable<string>, importId: number,
): Promise<OrderCounts> {
  const unsettled = [...new Set(rejectedKeys)].filter((key) => !fates.has(key));
  if (unsettled.length > 0) {
    const storedEarlier = await storedByImport(db, entity, unsettled, importId);
    for (const key of unsettled) fates.set(key, storedEarlier.has(key) ? 'counted' : 'rejected');
  }
  return tallyOrderFates(fates.values());
}

/** The keys among `keys` of orders this import stored (orders files) or wrote lines of (lines files). */
async function storedByImport(db: Kysely<Database>, entity: 'orders' | 'lines', keys: readonly string[], importId: number): Promise<Set<string>> {
  const parts = keys.map((key) => key.split('\u0000'));
  const byThisImport = entity === 'orders'
    ? sql`o.import_id = ${importId}::bigint`
    : sql`exists (select 1 from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id and l.import_id = ${importId}::bigint)`;
  const result = await sql<{ source: string; external_id: string }>`
    select o.source, o.external_id from customer_order o
    join unnest(${parts.map(([source]) => source)}::text[], ${parts.map(([, externalId]) => externalId)}::text[]) as k(source, external_id)
      using (source, external_id)
    where ${byThisImport}`.execute(db);
  return new Set(result.rows.map((row) => orderKeyOf(row.source, row.external_id)));
}
