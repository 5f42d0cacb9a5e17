// Stale lines, one mechanism for the two writers that state an order's lines (an orders file's line
// rows, write-order-lines.ts; a lines file, write-lines.ts): an import that states an order's lines
// states all of them, so the lines an earlier import stored that it does not restate go.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WriteContext } from './batch-context.js';
import { rememberDeferredStaleLines, type DeferredStaleLines } from './deferred-stale-lines.repo.js';

type Db = Kysely<Database>;

/** A stored line of an order, by its key. */
export type StoredLineKey = { customerId: number; orderId: number; lineNo: number };

/**
 * Stored lines of these orders that an earlier import wrote and this batch
 * does not restate. Lines this import wrote in an earlier batch stay: an
 * order's rows may span batches of one file.
 */
export function staleLinesOf(
  orders: ReadonlyArray<{ orderId: number; customerId: number }>,
  storedByOrder: ReadonlyMap<number, ReadonlyArray<{ line_no: number; import_id: number | null }>>,
  written: ReadonlyArray<{ orderId: number; lineNo: number }>, importId: number,
): StoredLineKey[] {
  const restated = new Set(written.map((line) => `${line.orderId}:${line.lineNo}`));
  return orders.flatMap((order) => (storedByOrder.get(order.orderId) ?? [])
    .filter((line) => Number(line.import_id) !== importId && !restated.has(`${order.orderId}:${line.line_no}`))
    .map((line) => ({ customerId: order.customerId, orderId: order.orderId, lineNo: line.line_no })));
}

/**
 * Which stale lines a batch removes now, and which orders' stale lines wait. In an import of
 * several batches (context.defersStaleLines: a file import, an open API run), an order's lines
 * numbered beyond the last this batch restated may be restated by a later batch, as the rows of a
 * basket spread over the file are: a batch removing them had the next insert them again, so every
 * re-import counted thousands of orders updated, and one killed between the two left orders
 * without lines. Those orders wait for the import's completion (sweepDeferredStaleLines).
 */
export function splitTrailingStaleLines(
  stale: readonly StoredLineKey[], written: ReadonlyArray<{ orderId: number; lineNo: number }>, defers: boolean,
): { removedNow: StoredLineKey[]; waitingOrderIds: Set<number> } {
  if (!defers || stale.length === 0) return { removedNow: [...stale], waitingOrderIds: new Set() };
  const lastRestated = new Map<number, number>();
  for (const line of written) lastRestated.set(line.orderId, Math.max(lastRestated.get(line.orderId) ?? 0, line.lineNo));
  const isTrailing = (line: StoredLineKey) => line.lineNo > (lastRestated.get(line.orderId) ?? 0);
  return { removedNow: stale.filter((line) => !isTrailing(line)), waitingOrderIds: new Set(stale.filter(isTrailing).map((line) => line.orderId)) };
}

/**
 * Removes the stale lines this batch may remove (splitTrailingStaleLines) and remembers, for the
 * import, the orders whose stale lines wait (deferred-stale-lines.repo.ts), in the batch's
 * transaction. `deferredOf` describes a waiting order as its writer knows it (how its total is
 * summed, how its batch counted it); `losesLinesNow`: whether this batch removes others of its
 * lines. Answers the lines removed.
 */
export async function removeOrDeferStaleLines(
  db: Db, stale: readonly StoredLineKey[], written: ReadonlyArray<{ orderId: number; lineNo: number }>,
  context: Pick<WriteContext, 'importId' | 'defersStaleLines'>, deferredOf: (orderId: number, losesLinesNow: boolean) => DeferredStaleLines,
): Promise<StoredLineKey[]> {
  const { removedNow, waitingOrderIds } = splitTrailingStaleLines(stale, written, context.defersStaleLines === true);
  const losingNow = new Set(removedNow.map((line) => line.orderId));
  await rememberDeferredStaleLines(db, context.importId, [...waitingOrderIds].map((orderId) => deferredOf(orderId, losingNow.has(orderId))));
  await deleteLines(db, removedNow);
  return removedNow;
}

/** Deletes these lines (staleLinesOf's), in one statement. */
export async function deleteLines(db: Db, lines: readonly StoredLineKey[]): Promise<void> {
  if (lines.length === 0) return;
  await sql`
    delete from order_line l using unnest(${lines.map((line) => line.customerId)}::bigint[], ${lines.map((line) => line.orderId)}::bigint[], ${lines.map((line) => line.lineNo)}::int[])
      as k(customer_id, order_id, line_no)
    where l.customer_id = k.customer_id and l.order_id = k.order_id and l.line_no = k.line_no`.execute(db);
}
