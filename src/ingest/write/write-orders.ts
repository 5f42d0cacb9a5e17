import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { resolveCustomerRefs } from '../../customers/customers.repo.js';
import { addLinesToCategories, addOrdersToTraits, addOrdersToTraitsSteps, recomputeTraits, type LineKey } from '../../traits/traits.repo.js';
import type { CanonicalLine, CanonicalOrder } from '../canonical.js';
import { amountFactor, emptyOutcome, missingRateReason, type BatchOutcome, type WriteContext } from './batch-context.js';
import { groupOrderRows, type OrderGroup } from './group-orders.js';
import { upsertOrderLines, recomputeLineLevelTotals } from './write-order-lines.js';

type Db = Kysely<Database>;

type Staged = OrderGroup & { customerId: number; recipientId: number | null; factor: number; amountMinor: number };

type Existing = { line: number; order_id: number; customer_id: number; import_id: number | null; import_line: number | null; is_same: boolean };

/**
 * Writes one batch of orders (call inside a transaction): resolves customers,
 * inserts new orders, updates changed ones, rejects conflicts, and keeps
 * purchase facts current — deltas for new orders, a per-customer recompute for
 * changed ones.
 */
export async function writeOrders(db: Db, rows: CanonicalOrder[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const { groups, rejects } = groupOrderRows(rows, context.file);
  outcome.rejects.push(...rejects);

  const priced: Array<OrderGroup & { factor: number }> = [];
  for (const group of groups) {
    const factor = amountFactor(group.order.currency, context);
    if (factor === null) outcome.rejects.push({ file: context.file, line: group.order.line, field: 'currency', reason: missingRateReason(group.order.currency, context.currency) });
    else priced.push({ ...group, factor });
  }
  if (priced.length === 0) return outcome;

  // Buyers and gift recipients are resolved together: one lookup round trip per batch.
  const recipientRows = priced.map((group, index) => ({ index, refs: group.order.recipient ?? [] })).filter((row) => row.refs.length > 0);
  const resolved = await resolveCustomerRefs(db, [...priced.map((group) => group.order.customer), ...recipientRows.map((row) => row.refs)]);
  const customerIds = resolved.customerIds.slice(0, priced.length);
  const recipientByIndex = new Map(recipientRows.map((row, position) => [row.index, resolved.customerIds[priced.length + position]]));
  const staged: Staged[] = priced.map((group, index) => ({
    ...group,
    customerId: customerIds[index],
    recipientId: recipientByIndex.get(index) ?? null,
    amountMinor: Math.round((group.totalMinor ?? 0) * group.factor),
  }));

  // Fast path: most rows are new orders, inserted straight from the batch's arrays
  // and added to purchase facts in the same statement. Rows whose (source, id)
  // already exists, and line-level orders, take the careful path.
  const direct = staged.filter((order) => !order.isLineLevel);
  const fast = await insertNewOrders(db, direct, context);
  const careful = staged.filter((order) => order.isLineLevel || fast.notInsertedLines.has(order.order.line));

  const toInsert: Staged[] = [];
  const toUpdate: Staged[] = [];
  const continuing: Array<Staged & { orderId: number }> = [];
  let existingByLine = new Map<number, Existing>();
  if (careful.length > 0) {
    await stageOrders(db, careful);
    existingByLine = new Map((await findExisting(db)).map((row) => [row.line, row]));
  }
  for (const order of careful) {
    const found = existingByLine.get(order.order.line);
    if (!found) toInsert.push(order);
    else if (found.customer_id !== order.customerId) {
      outcome.rejects.push({
        file: context.file, line: order.order.line, field: 'customer_id',
        reason: `Order ${order.order.externalId} is already recorded for customer #${found.customer_id}, but this row names a different customer. If both are the same person, merge the customers; otherwise fix the order id.`,
      });
    } else if (found.import_id === context.importId && !order.isLineLevel) {
      outcome.rejects.push({
        file: context.file, line: order.order.line, field: 'order_id',
        reason: `Duplicate order id ${order.order.externalId}: it already appeared on line ${found.import_line} of this file. Keep one row per order.`,
      });
    } else if (order.isLineLevel) continuing.push({ ...order, orderId: found.order_id });
    else if (found.is_same) outcome.unchanged += 1;
    else toUpdate.push(order);
  }

  const insertedLineLevel = await insertOrders(db, toInsert, context);
  outcome.inserted += fast.inserted + insertedLineLevel.length;
  await updateOrders(db, toUpdate, context);
  outcome.updated += toUpdate.length;

  // Line-level exports: lines decide the totals, for new orders and continuing ones.
  const insertedIdByLine = new Map(insertedLineLevel.map((row) => [row.line, row.order_id]));
  const withLines = [
    ...toInsert.filter((order) => order.isLineLevel).map((order) => ({ ...order, orderId: insertedIdByLine.get(order.order.line)!, isNew: true })),
    ...continuing.map((order) => ({ ...order, isNew: false })),
  ];
  const changedExisting = new Set<number>(toUpdate.map((order) => order.customerId));
  let newLines: LineKey[] = [];
  if (withLines.length > 0) {
    const lineResult = await upsertOrderLines(db, withLines, context);
    newLines = lineResult.newOrderLines;
    await recomputeLineLevelTotals(db, withLines);
    for (const order of continuing) {
      if (lineResult.changedOrderIds.has(order.orderId) || !existingByLine.get(order.order.line)!.is_same) {
        changedExisting.add(order.customerId);
        outcome.updated += 1;
      } else outcome.unchanged += 1;
    }
  }

  // Deltas before recomputation: a recompute rebuilds its customers from all their orders, new ones included.
  await addOrdersToTraits(db, insertedLineLevel.map((row) => ({ customerId: row.customer_id, orderId: row.order_id })), context.timeZone);
  await addLinesToCategories(db, newLines.filter((key) => !changedExisting.has(key.customerId)));
  await recomputeTraits(db, [...changedExisting], context.timeZone);
  outcome.changedCustomerIds = [...new Set([...fast.customerIds, ...insertedLineLevel.map((row) => row.customer_id), ...changedExisting])];
  return outcome;
}

async function stageOrders(db: Db, orders: Staged[]): Promise<void> {
  await sql`create temp table if not exists stage_order (
    line int, source text, external_id text, customer_id bigint, ordered_at timestamptz, currency text,
    total_minor bigint, amount_minor bigint, refunded_minor bigint, discount_minor bigint, promotion_code text,
    channel text, status text, recipient_customer_id bigint, location text, is_line_level boolean) on commit delete rows`.execute(db);
  await sql`truncate stage_order`.execute(db);
  const column = <T>(pick: (order: Staged) => T) => orders.map(pick);
  await sql`insert into stage_order select * from unnest(
    ${column((o) => o.order.line)}::int[], ${column((o) => o.order.source)}::text[], ${column((o) => o.order.externalId)}::text[],
    ${column((o) => o.customerId)}::bigint[], ${column((o) => o.order.orderedAt)}::timestamptz[], ${column((o) => o.order.currency)}::text[],
    ${column((o) => o.totalMinor ?? 0)}::bigint[], ${column((o) => o.amountMinor)}::bigint[], ${column((o) => o.order.refundedMinor)}::bigint[],
    ${column((o) => o.order.discountMinor)}::bigint[], ${column((o) => o.order.promotionCode)}::text[], ${column((o) => o.order.channel)}::text[],
    ${column((o) => o.order.status)}::text[], ${column((o) => o.recipientId)}::bigint[], ${column((o) => o.order.location)}::text[],
    ${column((o) => o.isLineLevel)}::boolean[])`.execute(db);
}

async function findExisting(db: Db): Promise<Existing[]> {
  const result = await sql<Existing>`
    select s.line, o.order_id, o.customer_id, o.import_id, o.import_line,
      (o.ordered_at, o.currency, o.refunded_minor, o.discount_minor, o.promotion_code, o.channel, o.status, o.recipient_customer_id, o.location)
        is not distinct from
      (s.ordered_at, s.currency::char(3), s.refunded_minor, s.discount_minor, s.promotion_code, s.channel, s.status, s.recipient_customer_id, s.location)
      and (s.is_line_level or (o.total_minor = s.total_minor and o.amount_minor = s.amount_minor)) as is_same
    from stage_order s join customer_order o on o.source = s.source and o.external_id = s.external_id`.execute(db);
  return result.rows;
}

const orderColumns = sql`customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor,
  discount_minor, promotion_code, channel, status, recipient_customer_id, location, import_id, import_line`;

/** Below this many orders a batch skips stored orders from the start: the savepoint's round trips cost more than they save. */
const plainInsertMinimum = 1000;

/**
 * Inserts the orders whose (source, id) is not stored yet and adds them to
 * purchase facts, in one statement: the inserted rows feed the fact deltas as a
 * CTE instead of travelling to the client and back (on PGlite, returning 20,000
 * rows costs about as much as inserting them).
 *
 * A large batch is first written as if none of its orders were stored, with a
 * plain insert: skipping stored ones (ON CONFLICT's speculative insertion)
 * costs a fifth more per row, and most batches of a file hold only new orders.
 * When one is stored (a file imported again, overlapping exports, another
 * writer's order), the insert fails on the external key, is undone to its
 * savepoint and the batch is written again skipping stored orders, as every
 * later batch of the file then is.
 */
async function insertNewOrders(db: Db, orders: Staged[], context: WriteContext): Promise<{ inserted: number; notInsertedLines: Set<number>; customerIds: number[] }> {
  if (orders.length === 0) return { inserted: 0, notInsertedLines: new Set(), customerIds: [] };
  if (orders.length < plainInsertMinimum || context.storedOrdersMet) return insertOrderRows(db, orders, context, { skipStored: true });
  await sql`savepoint plain_order_insert`.execute(db);
  try {
    const inserted = await insertOrderRows(db, orders, context, { skipStored: false });
    await sql`release savepoint plain_order_insert`.execute(db);
    return inserted;
  } catch (error) {
    if (!violates(error, 'customer_order_external_key')) throw error;
    await sql`rollback to savepoint plain_order_insert`.execute(db);
    context.storedOrdersMet = true;
    return insertOrderRows(db, orders, context, { skipStored: true });
  }
}

function violates(error: unknown, constraint: string): boolean {
  const { code, constraint: name } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && name === constraint;
}

async function insertOrderRows(
  db: Db, orders: Staged[], context: WriteContext, options: { skipStored: boolean },
): Promise<{ inserted: number; notInsertedLines: Set<number>; customerIds: number[] }> {
  const column = <T>(pick: (order: Staged) => T) => orders.map(pick);
  const result = await sql<{ inserted: number; not_inserted: number[] }>`
    with s as (
      select * from unnest(
        ${column((o) => o.customerId)}::bigint[], ${column((o) => o.order.source)}::text[], ${column((o) => o.order.externalId)}::text[],
        ${column((o) => o.order.orderedAt.toISOString())}::timestamptz[], ${column((o) => o.order.currency)}::text[], ${column((o) => o.totalMinor ?? 0)}::bigint[],
        ${column((o) => o.amountMinor)}::bigint[], ${column((o) => o.order.refundedMinor)}::bigint[], ${column((o) => o.order.discountMinor)}::bigint[],
        ${column((o) => o.order.promotionCode)}::text[], ${column((o) => o.order.channel)}::text[], ${column((o) => o.order.status)}::text[],
        ${column((o) => o.recipientId)}::bigint[], ${column((o) => o.order.location)}::text[], ${column((o) => o.order.line)}::int[])
        as u(customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
          promotion_code, channel, status, recipient_customer_id, location, line)
    ),
    ins as (
      insert into customer_order (${orderColumns})
      select customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
        promotion_code, channel, status, recipient_customer_id, location, ${context.importId}::bigint, line
      from s
      ${options.skipStored ? sql`on conflict (source, external_id) do nothing` : sql``}
      returning *
    ),
    ${addOrdersToTraitsSteps('ins', context.timeZone)}
    select (select count(*)::int from ins) as inserted,
      array(select line from s except select import_line from ins) as not_inserted`.execute(db);
  const row = result.rows[0];
  const notInsertedLines = new Set(row.not_inserted.map(Number));
  const customerIds = [...new Set(orders.filter((order) => !notInsertedLines.has(order.order.line)).map((order) => order.customerId))];
  return { inserted: row.inserted, notInsertedLines, customerIds };
}

async function insertOrders(db: Db, orders: Staged[], context: WriteContext) {
  if (orders.length === 0) return [];
  const column = <T>(pick: (order: Staged) => T) => orders.map(pick);
  const result = await sql<{ line: number; order_id: number; customer_id: number }>`
    insert into customer_order (${orderColumns})
    select customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
      promotion_code, channel, status, recipient_customer_id, location, ${context.importId}::bigint, line
    from unnest(
      ${column((o) => o.customerId)}::bigint[], ${column((o) => o.order.source)}::text[], ${column((o) => o.order.externalId)}::text[],
      ${column((o) => o.order.orderedAt)}::timestamptz[], ${column((o) => o.order.currency)}::text[], ${column((o) => o.totalMinor ?? 0)}::bigint[],
      ${column((o) => o.amountMinor)}::bigint[], ${column((o) => o.order.refundedMinor)}::bigint[], ${column((o) => o.order.discountMinor)}::bigint[],
      ${column((o) => o.order.promotionCode)}::text[], ${column((o) => o.order.channel)}::text[], ${column((o) => o.order.status)}::text[],
      ${column((o) => o.recipientId)}::bigint[], ${column((o) => o.order.location)}::text[], ${column((o) => o.order.line)}::int[])
      as s(customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
        promotion_code, channel, status, recipient_customer_id, location, line)
    on conflict (source, external_id) do nothing
    returning order_id, customer_id, import_line as line`.execute(db);
  return result.rows;
}

async function updateOrders(db: Db, orders: Staged[], context: WriteContext): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    update customer_order o set ordered_at = s.ordered_at, currency = s.currency, total_minor = s.total_minor, amount_minor = s.amount_minor,
      refunded_minor = s.refunded_minor, discount_minor = s.discount_minor, promotion_code = s.promotion_code, channel = s.channel,
      status = s.status, recipient_customer_id = s.recipient_customer_id, location = s.location,
      import_id = ${context.importId}::bigint, import_line = s.line, updated_at = now()
    from stage_order s
    where s.line = any(${orders.map((order) => order.order.line)}::int[]) and o.source = s.source and o.external_id = s.external_id`.execute(db);
}

export type { CanonicalLine };
