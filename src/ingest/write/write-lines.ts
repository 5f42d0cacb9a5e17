import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addLinesToCategories, recomputeTraits } from '../../traits/traits.repo.js';
import { orderKeyOf, type CanonicalOrderLine, type Reject } from '../canonical.js';
import { amountFactor, emptyOutcome, inStoreCurrency, missingRate, type BatchOutcome, type WriteContext } from './batch-context.js';
import { countOrders, settleOrderFates, type OrderFate } from './order-counts.js';
import { whereFirstAppeared } from './row-place.js';
import { findOrderSourcesElsewhere } from './order-sources-elsewhere.repo.js';
import { lineAmountMinor, maximumAmountMinor, shownLimit } from '../rows/amount-limit.js';
import { removeOrDeferStaleLines, staleLinesOf } from './stale-lines.js';
import type { DeferredStaleLines } from './deferred-stale-lines.repo.js';
import { reapplyCredits, storeHasCreditNotes } from '../../orders/index.js';
import { rejectWholeOrders } from '../rows/reject-whole-orders.js';

type Db = Kysely<Database>;

const isWithinLimit = (minor: number, currency: string) => Number.isSafeInteger(minor) && minor <= maximumAmountMinor(currency);

/**
 * Writes order lines that arrive in their own file, for orders imported
 * before. The order's total stays as its orders file gave it; the lines add
 * what was bought (categories, products), priced in the store currency. An
 * import states all the lines of the orders it names: lines an earlier import
 * stored that it does not restate are removed (stale-lines.ts), those a later
 * batch may restate (an order's rows apart in the file) at the import's end.
 */
export async function writeLines(db: Db, rows: CanonicalOrderLine[], context: WriteContext, rejectedOrderKeys: readonly string[] = []): Promise<BatchOutcome> {
  const fates = new Map<string, OrderFate>();
  const rejectedKeys = new Set(rejectedOrderKeys);
  const outcome = rows.length === 0 ? emptyOutcome() : await writeLineRows(db, rows, context, fates, rejectedKeys);
  outcome.orders = await countOrders(db, 'lines', fates, rejectedKeys, context.importId);
  return outcome;
}

/**
 * Orders are counted once each (order-counts.ts): a lines file adds no order,
 * so an order whose stored lines it changed (a line added, changed or removed)
 * is updated, one whose lines are all as stored unchanged, and one none of
 * whose rows was written (not in the store, say) rejected.
 */
async function writeLineRows(db: Db, rows: CanonicalOrderLine[], context: WriteContext, fates: Map<string, OrderFate>, rejectedKeys: Set<string>): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  // lines_written: this import's lines of the order so far, so unnumbered lines continue across batches
  const orders = await sql<{ source: string; external_id: string; customer_id: number; order_id: number; currency: string; lines_written: number }>`
    select o.source, o.external_id, o.customer_id, o.order_id, o.currency, (
      select count(*)::int from order_line l
      where l.customer_id = o.customer_id and l.order_id = o.order_id and l.import_id = ${context.importId}::bigint) as lines_written
    from customer_order o
    join (select distinct * from unnest(${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.orderExternalId)}::text[])) as k(source, external_id)
      using (source, external_id)`.execute(db);
  const orderByKey = new Map(orders.rows.map((o) => [orderKeyOf(o.source, o.external_id), o]));
  const positionByOrder = new Map<number, number>(orders.rows.map((o) => [o.order_id, o.lines_written]));
  const seen = new Map<string, number>();
  let accepted: Array<CanonicalOrderLine & { customerId: number; orderId: number; lineNo: number }> = [];
  // order key → its first line refused here: the order's other lines are refused with it (rejectWholeOrders)
  const refusedLines = new Map<string, number>();
  const unknown: Array<{ row: CanonicalOrderLine; reject: number }> = [];
  for (const row of rows) {
    const orderKey = orderKeyOf(row.source, row.orderExternalId);
    const order = orderByKey.get(orderKey);
    if (!order) {
      rejectedKeys.add(orderKey);
      unknown.push({ row, reject: outcome.rejects.length });
      outcome.rejects.push(unknownOrderReject(row, context, []));
      continue;
    }
    // a line's price is in its order's currency; stored, like every summed amount, in the store's
    const factor = amountFactor(order.currency, context);
    if (factor === null) {
      rejectedKeys.add(orderKey);
      outcome.rejects.push({ file: context.file, line: row.line, field: 'unit_price', ...missingRate(order.currency, context.currency) });
      continue;
    }
    const unitPriceMinor = inStoreCurrency(row.unitPriceMinor, factor);
    if (!isWithinLimit(lineAmountMinor({ quantity: row.quantity, unitPriceMinor }), context.currency)) {
      rejectedKeys.add(orderKey);
      if (!refusedLines.has(orderKey)) refusedLines.set(orderKey, row.line);
      const limit = shownLimit(context.currency);
      outcome.rejects.push({
        file: context.file, line: row.line, field: 'unit_price', code: 'AMOUNT_TOO_LARGE', params: { field: 'unit_price', value: `${order.currency} > ${limit}` },
        reason: `The line (unit_price × quantity), converted from ${order.currency} into the store currency ${context.currency}, comes to more than an amount may be (${limit}); check the unit_price and quantity, and the rate of ${order.currency}`,
      });
      continue;
    }
    const lineNo = row.lineNo ?? (positionByOrder.get(order.order_id) ?? 0) + 1;
    positionByOrder.set(order.order_id, lineNo);
    const key = `${order.order_id}:${lineNo}`;
    const first = seen.get(key);
    if (first !== undefined) {
      outcome.rejects.push({
        file: context.file, line: row.line, field: 'line_no', code: 'LINE_DUPLICATE_IN_FILE', params: { lineNo, order: row.orderExternalId, firstLine: first },
        reason: `Line ${lineNo} of order ${row.orderExternalId} already appeared ${whereFirstAppeared(first, context)}. Keep one row per order line.`,
      });
      continue;
    }
    seen.set(key, row.line);
    accepted.push({ ...row, unitPriceMinor, customerId: order.customer_id, orderId: order.order_id, lineNo });
  }
  if (refusedLines.size > 0) {
    const whole = rejectWholeOrders(accepted, refusedLines, context);
    accepted = whole.rows;
    outcome.rejects.push(...whole.rejects);
  }
  if (unknown.length > 0) {
    // the file's orders may be in the store under another source: the reject says which
    const elsewhere = await findOrderSourcesElsewhere(db, unknown.map(({ row }) => ({ source: row.source, externalId: row.orderExternalId })));
    for (const { row, reject } of unknown) outcome.rejects[reject] = unknownOrderReject(row, context, elsewhere.get(row.orderExternalId) ?? []);
  }
  if (accepted.length === 0) return outcome;
  const column = <T>(pick: (row: (typeof accepted)[number]) => T) => accepted.map(pick);
  // Unchanged lines are written too: the import id they then carry numbers this import's later lines.
  const result = await sql<{ customer_id: number; order_id: number; line_no: number; is_same: boolean | null }>`
    with incoming as (
      select * from unnest(${column((r) => r.customerId)}::bigint[], ${column((r) => r.orderId)}::bigint[], ${column((r) => r.lineNo)}::int[],
        ${column((r) => r.sku)}::text[], ${column((r) => r.productName)}::text[], ${column((r) => r.category)}::text[],
        ${column((r) => r.quantity)}::numeric[], ${column((r) => r.unitPriceMinor)}::bigint[], ${column((r) => r.line)}::int[])
        as s(customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price_minor, file_line)
    ),
    stored as (
      select l.customer_id, l.order_id, l.line_no,
        (l.sku, l.product_name, l.category, l.quantity, l.unit_price_minor)
          is not distinct from (s.sku, s.product_name, s.category, s.quantity, s.unit_price_minor) as is_same
      from order_line l join incoming s using (customer_id, order_id, line_no)
    ),
    written as (
      insert into order_line as l (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price_minor, import_id, import_line)
      select customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price_minor, ${context.importId}::bigint, file_line from incoming
      on conflict (customer_id, order_id, line_no) do update set
        sku = excluded.sku, product_name = excluded.product_name, category = excluded.category, quantity = excluded.quantity,
        unit_price_minor = excluded.unit_price_minor, import_id = excluded.import_id, import_line = excluded.import_line
      returning l.customer_id, l.order_id, l.line_no
    )
    select w.customer_id, w.order_id, w.line_no, b.is_same from written w left join stored b using (customer_id, order_id, line_no)`.execute(db);
  // an order none of whose lines this import wrote before, all as stored: its batch counts it unchanged
  const firstMet = new Set(orders.rows.filter((order) => order.lines_written === 0).map((order) => Number(order.order_id)));
  const notSame = new Set(result.rows.filter((row) => row.is_same !== true).map((row) => Number(row.order_id)));
  const customerOf = new Map(orders.rows.map((order) => [Number(order.order_id), Number(order.customer_id)]));
  const remembered = (orderId: number, countedUnchanged: boolean): DeferredStaleLines => ({
    // a lines file leaves the order's total as its orders file stated it
    customerId: customerOf.get(orderId)!, orderId, factor: 1, discountMinor: 0, isSummed: false, countedUnchanged,
  });
  const stale = await removeStaleLines(db, accepted, context, (orderId, losesLinesNow) => remembered(orderId, firstMet.has(orderId) && !notSame.has(orderId) && !losesLinesNow));
  const insertedKeys = result.rows.filter((row) => row.is_same === null).map((row) => ({ customerId: row.customer_id, orderId: row.order_id, lineNo: row.line_no }));
  const changed = result.rows.filter((row) => row.is_same === false);
  // an order that lost lines changed: one of its restated rows counts as updated
  const changedOrders = new Set(changed.map((row) => Number(row.order_id)));
  const lostLines: typeof changed = [];
  for (const row of result.rows) {
    const orderId = Number(row.order_id);
    if (row.is_same !== true || !stale.orderIds.has(orderId) || changedOrders.has(orderId)) continue;
    lostLines.push(row);
    changedOrders.add(orderId);
  }
  const changedCustomers = [...new Set([...changed, ...lostLines].map((row) => row.customer_id).concat(stale.customerIds))];
  outcome.inserted = insertedKeys.length;
  outcome.updated = changed.length + lostLines.length;
  outcome.unchanged = result.rows.length - insertedKeys.length - changed.length - lostLines.length;
  const ordersChanged = new Set([...changedOrders, ...stale.orderIds, ...insertedKeys.map((key) => Number(key.orderId))]);
  await settleOrderFates(db, accepted.map((row) => ({
    key: orderKeyOf(row.source, row.orderExternalId), orderId: Number(row.orderId), isChanged: ordersChanged.has(Number(row.orderId)),
    // lines this import wrote before this batch: an earlier batch counted the order
    isCountedEarlier: orderByKey.get(orderKeyOf(row.source, row.orderExternalId))!.lines_written > 0,
  })), context, fates, (orderId) => remembered(orderId, true));
  // a line's SKU decides which sale a credit note reduces first (orders/credit-allocation.ts)
  const written = [...new Set([...changedCustomers, ...insertedKeys.map((key) => key.customerId)])];
  context.creditNotesStored ??= await storeHasCreditNotes(db);
  const credited = context.creditNotesStored ? await reapplyCredits(db, written) : [];
  const recomputed = new Set([...changedCustomers, ...credited]);
  await addLinesToCategories(db, insertedKeys.filter((key) => !recomputed.has(key.customerId)));
  await recomputeTraits(db, [...recomputed], context.timeZone);
  // what they bought (categories, products) feeds segments and personas, judged again in this batch's
  // transaction; the customers credits changed are among them
  outcome.changedCustomerIds = written;
  return outcome;
}

/**
 * A line whose order the store does not have under the line's source: names the source looked in
 * and, when other sources hold an order of that id, those (a file sent under the wrong source finds
 * none of its orders).
 */
function unknownOrderReject(row: CanonicalOrderLine, context: WriteContext, storedUnder: readonly string[]): Reject {
  const order = row.orderExternalId;
  const where = `Order ${order} is not in the store under the source "${row.source}"`;
  const base = { file: context.file, line: row.line, field: 'order_id', code: 'LINE_ORDER_UNKNOWN' as const };
  if (storedUnder.length === 0) {
    return { ...base, params: { order, source: row.source }, reason: `${where}. Import the orders file first (under the same source), then the lines.` };
  }
  const others = storedUnder.map((source) => `"${source}"`).join(', ');
  return {
    ...base, params: { order, source: row.source, storedUnder: storedUnder.join(', ') },
    reason: `${where}; it is under ${storedUnder.length === 1 ? 'the source' : 'the sources'} ${others}. ${resendUnder(storedUnder[0], context)}.`,
  };
}

/** How the sender reads its lines under another source: the web app translates the reject from its code, so this names only the CLI's option or the request's field. */
function resendUnder(source: string, context: Pick<WriteContext, 'sourceSetIn'>): string {
  return context.sourceSetIn === 'option'
    ? `Import the lines under that source (--source ${source})`
    : `Send the lines under that source ("source": ${JSON.stringify(source)} in the request)`;
}

/**
 * Removes the stored lines of these rows' orders that an earlier import wrote and this one does not
 * restate, or defers them to the import's end (removeOrDeferStaleLines); answers the orders and
 * customers that lost lines now.
 */
async function removeStaleLines(
  db: Db, written: ReadonlyArray<{ customerId: number; orderId: number; lineNo: number }>, context: WriteContext,
  deferredOf: Parameters<typeof removeOrDeferStaleLines>[4],
): Promise<{ orderIds: Set<number>; customerIds: number[] }> {
  const orders = [...new Map(written.map((line) => [line.orderId, { orderId: line.orderId, customerId: line.customerId }])).values()];
  const stored = await sql<{ order_id: number; line_no: number; import_id: number | null }>`
    select l.order_id, l.line_no, l.import_id from order_line l
    join unnest(${orders.map((o) => o.customerId)}::bigint[], ${orders.map((o) => o.orderId)}::bigint[]) as k(customer_id, order_id) using (customer_id, order_id)`.execute(db);
  const storedByOrder = new Map<number, Array<{ line_no: number; import_id: number | null }>>();
  for (const line of stored.rows) storedByOrder.set(Number(line.order_id), [...(storedByOrder.get(Number(line.order_id)) ?? []), line]);
  const stale = await removeOrDeferStaleLines(db, staleLinesOf(orders, storedByOrder, written, context.importId), written, context, deferredOf);
  return { orderIds: new Set(stale.map((line) => line.orderId)), customerIds: [...new Set(stale.map((line) => line.customerId))] };
}
