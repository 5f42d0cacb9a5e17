import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';

type Db = Kysely<Database>;

/** An order as stored, with its lines: amounts in minor units (see OrderRow's fields in orders.schemas.ts). */
export type OrderRow = {
  order_id: number;
  customer_id: number;
  source: string;
  external_id: string;
  ordered_at: Date;
  /** Imported as a day without a time: stored at midnight in the store's zone, as the timeline's isDateOnly says. */
  is_date_only: boolean;
  status: Database['customer_order']['status'];
  channel: Database['customer_order']['channel'];
  currency: string;
  total_minor: number;
  amount_minor: number;
  refunded_minor: number;
  /** Of refunded_minor, what credit notes gave back (order_credit). */
  credited_minor: number;
  discount_minor: number;
  promotion_code: string | null;
  location: string | null;
  recipient_customer_id: number | null;
  created_at: Date;
  updated_at: Date;
  lines: OrderLineRow[];
};

export type OrderLineRow = { line_no: number; sku: string | null; product_name: string | null; category: string | null; quantity: number; unit_price_minor: number };

const orderColumns = [
  'order_id', 'customer_id', 'source', 'external_id', 'ordered_at', 'status', 'channel', 'currency', 'total_minor', 'amount_minor',
  'refunded_minor', 'credited_minor', 'discount_minor', 'promotion_code', 'location', 'recipient_customer_id', 'created_at', 'updated_at',
] as const;

/** One order by its id (customer_order_order_id_idx), with its lines; undefined when there is none. */
export async function findOrderById(db: Db, orderId: number): Promise<OrderRow | undefined> {
  return findOrder(db, (query) => query.where('order_id', '=', orderId));
}

/** One order by its id in the system it came from (customer_order_external_key: exact, as imports match it). */
export async function findOrderByExternalId(db: Db, source: string, externalId: string): Promise<OrderRow | undefined> {
  return findOrder(db, (query) => query.where('source', '=', source).where('external_id', '=', externalId));
}

type OrderQuery = SelectQueryBuilder<Database, 'customer_order', object>;

async function findOrder(db: Db, where: (query: OrderQuery) => OrderQuery): Promise<OrderRow | undefined> {
  const order = await where(db.selectFrom('customer_order')).select(orderColumns).select(await isDateOnly(db)).executeTakeFirst();
  return order && { ...order, lines: await findOrderLines(db, order.customer_id, order.order_id) };
}

async function isDateOnly(db: Db) {
  const { timeZone } = await getStoreSettings(db);
  return sql<boolean>`(ordered_at at time zone ${timeZone}::text)::time = time '00:00'`.as('is_date_only');
}

async function findOrderLines(db: Db, customerId: number, orderId: number): Promise<OrderLineRow[]> {
  return db.selectFrom('order_line').select(['line_no', 'sku', 'product_name', 'category', 'quantity', 'unit_price_minor'])
    .where('customer_id', '=', customerId).where('order_id', '=', orderId).orderBy('line_no').execute();
}

/** An order named by its source's id for it, with the id the store gave it. */
export type OrderIdMatch = { source: string; external_id: string; order_id: number };

/** More than any store has sources: a guard on what one lookup lists, not a limit people reach. */
const mostListedMatches = 50;

/**
 * The sources orders came from, in order: a loose index scan over customer_order_external_key
 * (source, external_id), one probe a source, as the customer search walks them (search-identities.ts).
 */
const sourcesWalk = sql`
  with recursive sources as (
    select min(source) as source from customer_order
    union all
    select (select min(o.source) from customer_order o where o.source > s.source) from sources s where s.source is not null
  )`;

/**
 * Orders whose id in their source is exactly `externalId`, from any source. The unique key leads
 * with the source and no index has the external id alone, so the few sources are walked first and
 * each probed with the whole key: one order a probe at most, never a scan of the orders.
 */
export async function findOrdersByExternalIdInAnySource(db: Db, externalId: string): Promise<OrderIdMatch[]> {
  const result = await sql<OrderIdMatch>`${sourcesWalk}
    select o.source, o.external_id, o.order_id from sources s
    -- lateral with a limit (the key is unique: one at most): joined plainly, the embedded store,
    -- once analyzed, hashed the sources against a skip scan of the whole key for the id
    cross join lateral (
      select source, external_id, order_id from customer_order o where o.source = s.source and o.external_id = ${externalId} limit 1
    ) o
    order by o.source
    limit ${mostListedMatches}`.execute(db);
  return result.rows.map((row) => ({ source: row.source, external_id: row.external_id, order_id: Number(row.order_id) }));
}

/** The sources the store's orders came from, in order (the same walk). */
export async function findOrderSources(db: Db): Promise<string[]> {
  const result = await sql<{ source: string }>`${sourcesWalk}
    select source from sources where source is not null order by source limit ${mostListedMatches}`.execute(db);
  return result.rows.map((row) => row.source);
}
