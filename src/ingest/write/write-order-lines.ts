import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inStoreCurrency, type WriteContext } from './batch-context.js';
import { removeDeferredStaleLines } from './deferred-stale-lines.repo.js';
import { removeOrDeferStaleLines, staleLinesOf } from './stale-lines.js';
import { recomputeTraits } from '../../traits/traits.repo.js';
import { reapplyCredits, storeHasCreditNotes } from '../../orders/index.js';
import type { OrderGroup } from './group-orders.js';
import type { LineKey } from '../../traits/traits.repo.js';

type Db = Kysely<Database>;
type OrderWithLines = OrderGroup & { orderId: number; customerId: number; factor: number; isNew: boolean; isChanged?: boolean; keepsStatedTotal?: boolean; continuesRun?: boolean };

type ExistingLine = { order_id: number; line_no: number; sku: string | null; product_name: string | null; category: string | null; quantity: number; unit_price_minor: number; import_id: number | null };

/** What writing one row's line did, by the row's file line. */
export type LineFate = 'inserted' | 'updated' | 'unchanged';

export type OrderLinesResult = {
  fates: Map<number, LineFate>;
  /** Orders of which a stored line changed. */
  changedOrderIds: Set<number>;
  /** Lines not stored before, for category deltas. */
  newLines: LineKey[];
};

/**
 * Upserts the lines of orders whose rows carry line items. A line's number is
 * its position within its order in the file, continued across batch
 * boundaries by counting the lines this import already wrote, so re-importing
 * a file gives the same numbers and changes nothing. Unit prices are stored in
 * the store currency, like every amount that is summed.
 *
 * An import that states an order's lines states all of them: lines an earlier
 * import stored that this one does not restate are removed (stale-lines.ts), so
 * an order sent again with fewer or other lines is stored as sent rather than
 * as a mix of the two; those a later batch may restate, at the import's end.
 */
export async function upsertOrderLines(db: Db, orders: OrderWithLines[], context: WriteContext): Promise<OrderLinesResult> {
  const existingOrders = orders.filter((order) => !order.isNew);
  const existingLines = existingOrders.length === 0 ? [] : (await sql<ExistingLine>`
    select l.order_id, l.line_no, l.sku, l.product_name, l.category, l.quantity, l.unit_price_minor, l.import_id
    from order_line l
    join unnest(${existingOrders.map((o) => o.customerId)}::bigint[], ${existingOrders.map((o) => o.orderId)}::bigint[]) as k(customer_id, order_id)
      using (customer_id, order_id)`.execute(db)).rows;
  const linesByOrder = new Map<number, ExistingLine[]>();
  for (const line of existingLines) {
    const list = linesByOrder.get(line.order_id) ?? [];
    list.push(line);
    linesByOrder.set(line.order_id, list);
  }

  const result: OrderLinesResult = { fates: new Map(), changedOrderIds: new Set(), newLines: [] };
  const rows: Array<{ customerId: number; orderId: number; lineNo: number; sku: string | null; productName: string | null; category: string | null; quantity: number; unitPriceMinor: number; fileLine: number }> = [];
  for (const order of orders) {
    const previous = linesByOrder.get(order.orderId) ?? [];
    const offset = previous.filter((line) => Number(line.import_id) === context.importId).length;
    const byNumber = new Map(previous.map((line) => [line.line_no, line]));
    order.lines.forEach((line, position) => {
      const lineNo = line.lineNo ?? offset + position + 1;
      const unitPriceMinor = inStoreCurrency(line.unitPriceMinor, order.factor);
      const before = byNumber.get(lineNo);
      const same = before !== undefined && before.sku === line.sku && before.product_name === line.productName
        && before.category === line.category && Number(before.quantity) === line.quantity && Number(before.unit_price_minor) === unitPriceMinor;
      if (before === undefined) {
        result.fates.set(line.fileLine, 'inserted');
        result.newLines.push({ customerId: order.customerId, orderId: order.orderId, lineNo });
      } else if (same) result.fates.set(line.fileLine, 'unchanged');
      else {
        result.fates.set(line.fileLine, 'updated');
        result.changedOrderIds.add(order.orderId);
      }
      rows.push({ customerId: order.customerId, orderId: order.orderId, lineNo, sku: line.sku, productName: line.productName, category: line.category, quantity: line.quantity, unitPriceMinor, fileLine: line.fileLine });
    });
  }
  const orderById = new Map(orders.map((order) => [order.orderId, order]));
  const stale = await removeOrDeferStaleLines(db, staleLinesOf(orders, linesByOrder, rows, context.importId), rows, context, (orderId, losesLinesNow) => {
    const order = orderById.get(orderId)!;
    const countedUnchanged = !order.isChanged && !order.continuesRun && !losesLinesNow
      && order.lines.every((line) => (result.fates.get(line.fileLine) ?? 'unchanged') === 'unchanged');
    return {
      customerId: order.customerId, orderId, factor: order.factor, discountMinor: order.order.discountMinor,
      isSummed: order.isTotalFromLines && !order.keepsStatedTotal, countedUnchanged,
    };
  });
  if (stale.length > 0) {
    const lostLines = new Set(stale.map((line) => line.orderId));
    for (const order of orders.filter((candidate) => lostLines.has(candidate.orderId))) {
      result.changedOrderIds.add(order.orderId);
      // the order changed even when every line it restates is as stored
      const first = order.lines[0];
      if (first && result.fates.get(first.fileLine) === 'unchanged') result.fates.set(first.fileLine, 'updated');
    }
  }
  if (rows.length === 0) return result;
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  // unchanged lines are written too: the import id they carry numbers this import's later lines of the order
  await sql`
    insert into order_line as l (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price_minor, import_id, import_line)
    select u.customer_id, u.order_id, u.line_no, u.sku, u.product_name, u.category, u.quantity, u.unit_price_minor, ${context.importId}::bigint, u.file_line from unnest(
      ${column((r) => r.customerId)}::bigint[], ${column((r) => r.orderId)}::bigint[], ${column((r) => r.lineNo)}::int[],
      ${column((r) => r.sku)}::text[], ${column((r) => r.productName)}::text[], ${column((r) => r.category)}::text[],
      ${column((r) => r.quantity)}::numeric[], ${column((r) => r.unitPriceMinor)}::bigint[], ${column((r) => r.fileLine)}::int[])
      as u(customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price_minor, file_line)
    on conflict (customer_id, order_id, line_no) do update set
      sku = excluded.sku, product_name = excluded.product_name, category = excluded.category, quantity = excluded.quantity,
      unit_price_minor = excluded.unit_price_minor, import_id = excluded.import_id, import_line = excluded.import_line`.execute(db);
  return result;
}

/**
 * At the completion of an import (a file's, or an open API run's; of orders or of lines), removes
 * the lines an earlier import stored of the orders whose stale lines waited (stale-lines.ts), that
 * no batch of this one restated; then sums those orders totalled from their lines again, allocates
 * their customers' credit notes again (a line's SKU decides which sale a credit note reduces first,
 * orders/credit-allocation.ts) and rebuilds their facts. `unchanged`: how many of the orders whose
 * lines it removed their batch counted unchanged (they are updated now). Call in a transaction;
 * the orders are forgotten.
 */
export async function sweepDeferredStaleLines(db: Db, importId: number, timeZone: string): Promise<{ orders: number; unchanged: number; customerIds: number[] }> {
  const orders = await removeDeferredStaleLines(db, importId);
  if (orders.length === 0) return { orders: 0, unchanged: 0, customerIds: [] };
  await recomputeTotalsFromLines(db, orders.filter((order) => order.isSummed).map((order) => ({ ...order, order: { discountMinor: order.discountMinor } })));
  const customerIds = [...new Set(orders.map((order) => order.customerId))];
  // the credits reapplied change only these customers' sales, whose facts are rebuilt next
  if (await storeHasCreditNotes(db)) await reapplyCredits(db, customerIds);
  await recomputeTraits(db, customerIds, timeZone);
  return { orders: orders.length, unchanged: orders.filter((order) => order.countedUnchanged).length, customerIds };
}

/**
 * An order whose rows state no total is the sum of all its lines less its
 * discount: in the store currency from the stored (converted) lines, and in
 * its own currency converted back.
 */
export async function recomputeTotalsFromLines(db: Db, orders: ReadonlyArray<{ customerId: number; orderId: number; factor: number; order: { discountMinor: number } }>): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    update customer_order o
    set amount_minor = t.lines_minor - o.discount_minor, total_minor = round(t.lines_minor / t.factor)::bigint - t.discount_minor
    from (
      select l.customer_id, l.order_id, k.factor, k.discount_minor, sum(round(l.quantity * l.unit_price_minor))::bigint as lines_minor
      from order_line l
      join unnest(${orders.map((o) => o.customerId)}::bigint[], ${orders.map((o) => o.orderId)}::bigint[], ${orders.map((o) => o.factor)}::float8[],
        ${orders.map((o) => o.order.discountMinor)}::bigint[]) as k(customer_id, order_id, factor, discount_minor) using (customer_id, order_id)
      group by l.customer_id, l.order_id, k.factor, k.discount_minor) t
    where o.customer_id = t.customer_id and o.order_id = t.order_id`.execute(db);
}
