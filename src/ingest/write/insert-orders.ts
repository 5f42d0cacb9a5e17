import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addOrdersToTraitsSteps } from '../../traits/traits.repo.js';
import type { WriteContext } from './batch-context.js';
import type { OrderGroup } from './group-orders.js';

type Db = Kysely<Database>;

/**
 * An order ready to write: its customers resolved and every summed amount
 * (amount, refunded, discount) in the store currency; `totalMinor` stays in
 * the order's own currency.
 */
export type StagedOrder = OrderGroup & {
  customerId: number;
  recipientId: number | null;
  factor: number;
  amountMinor: number;
  refundedMinor: number;
  discountMinor: number;
};

type Staged = StagedOrder;

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
export async function insertNewOrders(db: Db, orders: Staged[], context: WriteContext): Promise<{ inserted: number; notInsertedLines: Set<number>; customerIds: number[] }> {
  if (orders.length === 0) return { inserted: 0, notInsertedLines: new Set(), customerIds: [] };
  const inserted = await insertAsNewOrSkipping(db, orders, context);
  await keepRatesOfInserted(db, orders.filter((order) => !inserted.notInsertedLines.has(order.order.line)));
  return inserted;
}

async function insertAsNewOrSkipping(db: Db, orders: Staged[], context: WriteContext): Promise<{ inserted: number; notInsertedLines: Set<number>; customerIds: number[] }> {
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

/** The factor kept with an order: none in the store's own currency. */
export function storedFactorOf(factor: number): number | null {
  return factor === 1 ? null : factor;
}

/**
 * Records the rate each just-inserted foreign-currency order was converted
 * with (customer_order.amount_factor; see keepStoredRates in write-orders.ts),
 * in a statement of its own only for a batch holding such orders: a batch in
 * the store's currency, most, sends nothing more (writing the column with
 * every insert cost 3–5% of a server import).
 */
async function keepRatesOfInserted(db: Db, inserted: Staged[]): Promise<void> {
  const foreign = inserted.filter((order) => order.factor !== 1);
  if (foreign.length === 0) return;
  await sql`
    update customer_order o set amount_factor = k.factor
    from unnest(${foreign.map((order) => order.order.source)}::text[], ${foreign.map((order) => order.order.externalId)}::text[],
      ${foreign.map((order) => order.factor)}::float8[]) as k(source, external_id, factor)
    where o.source = k.source and o.external_id = k.external_id`.execute(db);
}

function violates(error: unknown, constraint: string): boolean {
  const { code, constraint: name } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && name === constraint;
}

async function insertOrderRows(
  db: Db, orders: Staged[], context: WriteContext, options: { skipStored: boolean },
): Promise<{ inserted: number; notInsertedLines: Set<number>; customerIds: number[] }> {
  const result = await sql<{ inserted: number; not_inserted: number[] }>`
    with s as (select * from ${stagedRows(orders)}),
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

export async function insertOrders(db: Db, orders: Staged[], context: WriteContext) {
  if (orders.length === 0) return [];
  const result = await sql<{ line: number; order_id: number; customer_id: number }>`
    insert into customer_order (${orderColumns})
    select customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
      promotion_code, channel, status, recipient_customer_id, location, ${context.importId}::bigint, line
    from ${stagedRows(orders)}
    on conflict (source, external_id) do nothing
    returning order_id, customer_id, import_line as line`.execute(db);
  const insertedLines = new Set(result.rows.map((row) => Number(row.line)));
  await keepRatesOfInserted(db, orders.filter((order) => insertedLines.has(order.order.line)));
  return result.rows;
}

/** The batch's orders as rows of a relation, one array per column: one bound parameter each, whatever the batch size. */
function stagedRows(orders: Staged[]): RawBuilder<unknown> {
  const column = <T>(pick: (order: Staged) => T) => orders.map(pick);
  return sql`unnest(
    ${column((o) => o.customerId)}::bigint[], ${column((o) => o.order.source)}::text[], ${column((o) => o.order.externalId)}::text[],
    ${column((o) => o.order.orderedAt.toISOString())}::timestamptz[], ${column((o) => o.order.currency)}::text[], ${column((o) => o.totalMinor)}::bigint[],
    ${column((o) => o.amountMinor)}::bigint[], ${column((o) => o.refundedMinor)}::bigint[], ${column((o) => o.discountMinor)}::bigint[],
    ${column((o) => o.order.promotionCode)}::text[], ${column((o) => o.order.channel)}::text[], ${column((o) => o.order.status)}::text[],
    ${column((o) => o.recipientId)}::bigint[], ${column((o) => o.order.location)}::text[], ${column((o) => o.order.line)}::int[])
    as staged(customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, discount_minor,
      promotion_code, channel, status, recipient_customer_id, location, line)`;
}
