import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { isVerified, netAmount, purchaseDay, refundAmount } from './traits.sql.js';

type Db = Kysely<Database>;
export type OrderKey = { customerId: number; orderId: number };

const promotionUsed = sql`(o.promotion_code is not null or o.discount_minor > 0)`;
const isInterest = sql`o.status <> 'credit_note'`;

/** Per-customer sums over a set of orders `o`; shared by the incremental and the full path so they cannot disagree. */
const orderAggregates = sql`
  min(o.ordered_at) filter (where ${isVerified('o')}) as first_purchase_at,
  max(o.ordered_at) filter (where ${isVerified('o')}) as last_purchase_at,
  count(*) filter (where ${isVerified('o')})::int as order_count,
  coalesce(sum(${netAmount('o')}) filter (where ${isVerified('o')}), 0)::bigint as revenue_minor,
  coalesce(sum(${refundAmount('o')}), 0)::bigint as refunded_minor,
  count(*) filter (where o.status in ('refunded', 'partially_refunded'))::int as refunded_order_count,
  count(*) filter (where ${isVerified('o')} and ${promotionUsed})::int as promotion_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'store')::int as store_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'web')::int as web_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'mobile')::int as mobile_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'marketplace')::int as marketplace_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'phone')::int as phone_order_count,
  count(*) filter (where ${isVerified('o')} and o.channel = 'other')::int as other_order_count,
  -- a credit note gives back money for a purchase, often one made before the data begins: no sign of interest
  min(o.ordered_at) filter (where ${isInterest}) as first_interest_at,
  (array_agg(o.channel order by o.ordered_at, o.order_id) filter (where ${isInterest}))[1] as first_interest_channel`;

/**
 * Per recipient, the first of the orders `o` they received from someone else, of any status: when buyer
 * and consumer differ, the recipient is a lead from the day and channel of their first sign of interest,
 * as the lifecycle report acquires them (analytics/lifecycle.repo.ts).
 */
const receivedAggregates = (orders: RawBuilder<unknown>, where: RawBuilder<unknown>) => sql`
  select o.recipient_customer_id as customer_id, min(o.ordered_at) as first_received_at,
    (array_agg(o.channel order by o.ordered_at, o.order_id))[1] as first_received_channel
  from ${orders} o
  where o.recipient_customer_id is not null and o.recipient_customer_id <> o.customer_id and ${where}
  group by 1`;

/**
 * The earliest of a customer's first signs of interest from several sources (`[time, channel]` columns,
 * null where a source has none) and its channel; on a tie the source listed first wins.
 */
function earliestSign(sources: Array<[string, string]>): RawBuilder<unknown> {
  const first = sql`least(${sql.join(sources.map(([at]) => sql.ref(at)))})`;
  return sql`${first}, case ${first} ${sql.join(sources.map(([at, channel]) => sql`when ${sql.ref(at)} then ${sql.ref(channel)}`), sql` `)} end`;
}

const keysTable = (keys: OrderKey[]) =>
  sql`unnest(${keys.map((key) => key.customerId)}::bigint[], ${keys.map((key) => key.orderId)}::bigint[]) as k(customer_id, order_id)`;

/** Facts a delta adds to: every count and sum on customer_trait. */
const summedTraitColumns = [
  'purchase_days', 'order_count', 'revenue_minor', 'refunded_minor', 'refunded_order_count', 'promotion_order_count',
  'store_order_count', 'web_order_count', 'mobile_order_count', 'marketplace_order_count', 'phone_order_count', 'other_order_count',
] as const;
/** …of them, those an order adds to (purchase days come from the days it adds). */
const addedTraitColumns = summedTraitColumns.filter((column) => column !== 'purchase_days');

/**
 * The steps that add newly inserted orders to their customers' facts, as
 * `with` items over a relation named `source` with customer_order's columns.
 * Written as CTEs so an insert's returned rows feed them inside the same
 * statement and never travel to the client and back. No history is rescanned:
 * purchase days are upserted (a new day row means one more purchase day), sums
 * are added and first/last purchase move outwards. A gift moves its
 * recipient's first sign of interest, in the same insert: one statement may
 * not upsert a row twice.
 */
export function addOrdersToTraitsSteps(source: string, timeZone: string): RawBuilder<unknown> {
  const orders = sql.table(source);
  return sql`
    day_delta as (
      insert into customer_purchase_day as d (customer_id, day, order_count, amount_minor)
      select o.customer_id, ${purchaseDay('o', timeZone)}, count(*), sum(${netAmount('o')})
      from ${orders} o where ${isVerified('o')} group by 1, 2
      on conflict (customer_id, day) do update
        set order_count = d.order_count + excluded.order_count, amount_minor = d.amount_minor + excluded.amount_minor
      returning d.customer_id, (xmax = 0) as is_new_day
    ),
    added_days as (select customer_id, count(*) filter (where is_new_day)::int as purchase_days from day_delta group by 1),
    trait_delta as (
      insert into customer_trait as t (
        customer_id, first_purchase_at, last_purchase_at, purchase_days, order_count, revenue_minor, refunded_minor,
        refunded_order_count, promotion_order_count, store_order_count, web_order_count, mobile_order_count,
        marketplace_order_count, phone_order_count, other_order_count, first_interest_at, first_interest_channel)
      select customer_id, s.first_purchase_at, s.last_purchase_at, coalesce(a.purchase_days, 0),
        ${sql.join(addedTraitColumns.map((column) => sql`coalesce(${sql.ref(`s.${column}`)}, 0)`))},
        ${earliestSign([['s.first_interest_at', 's.first_interest_channel'], ['r.first_received_at', 'r.first_received_channel']])}
      from (select o.customer_id, ${orderAggregates} from ${orders} o group by o.customer_id) s
      full join (${receivedAggregates(orders, sql`true`)}) r using (customer_id)
      left join added_days a using (customer_id)
      on conflict (customer_id) do update set
        first_purchase_at = least(t.first_purchase_at, excluded.first_purchase_at),
        last_purchase_at = greatest(t.last_purchase_at, excluded.last_purchase_at),
        ${sql.join(summedTraitColumns.map((column) => sql`${sql.ref(column)} = ${sql.ref(`t.${column}`)} + ${sql.ref(`excluded.${column}`)}`))},
        first_interest_channel = case when t.first_interest_at is null or excluded.first_interest_at < t.first_interest_at
          then excluded.first_interest_channel else t.first_interest_channel end,
        first_interest_at = least(t.first_interest_at, excluded.first_interest_at),
        updated_at = now()
      returning 1
    )`;
}

/** Adds stored orders (e.g. line-level ones whose totals were settled in SQL) to their customers' facts. */
export async function addOrdersToTraits(db: Db, orders: OrderKey[], timeZone: string): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    with new_order as (select o.* from customer_order o join ${keysTable(orders)} using (customer_id, order_id)),
    ${addOrdersToTraitsSteps('new_order', timeZone)}
    select count(*) from trait_delta`.execute(db);
}

export type LineKey = OrderKey & { lineNo: number };

/** Adds the categories of newly inserted lines (those on verified orders). */
export async function addLinesToCategories(db: Db, lines: LineKey[]): Promise<void> {
  if (lines.length === 0) return;
  await sql`
    insert into customer_category as c (customer_id, category, line_count, quantity, amount_minor)
    select l.customer_id, coalesce(l.category, p.category, 'uncategorised'), count(*), sum(l.quantity), sum(round(l.quantity * l.unit_price_minor))::bigint
    from order_line l
    join unnest(${lines.map((k) => k.customerId)}::bigint[], ${lines.map((k) => k.orderId)}::bigint[], ${lines.map((k) => k.lineNo)}::int[])
      as k(customer_id, order_id, line_no) using (customer_id, order_id, line_no)
    join customer_order o on o.customer_id = l.customer_id and o.order_id = l.order_id
    left join product p on p.sku = l.sku
    where ${isVerified('o')}
    group by 1, 2
    on conflict (customer_id, category) do update set
      line_count = c.line_count + excluded.line_count, quantity = c.quantity + excluded.quantity, amount_minor = c.amount_minor + excluded.amount_minor`.execute(db);
}

/** Adds new interest events to their customers' facts. */
export async function addEventsToTraits(db: Db, events: Array<{ customerId: number; eventId: number }>): Promise<void> {
  if (events.length === 0) return;
  await sql`
    insert into customer_trait as t (customer_id, first_interest_at, first_interest_channel, interest_event_count)
    select e.customer_id, min(e.occurred_at), (array_agg(e.channel order by e.occurred_at, e.event_id))[1], count(*)::int
    from interest_event e
    join unnest(${events.map((event) => event.customerId)}::bigint[], ${events.map((event) => event.eventId)}::bigint[]) as k(customer_id, event_id) using (customer_id, event_id)
    group by e.customer_id
    on conflict (customer_id) do update set
      first_interest_channel = case when t.first_interest_at is null or excluded.first_interest_at < t.first_interest_at
        then excluded.first_interest_channel else t.first_interest_channel end,
      first_interest_at = least(t.first_interest_at, excluded.first_interest_at),
      interest_event_count = t.interest_event_count + excluded.interest_event_count,
      updated_at = now()`.execute(db);
}

/** Makes sure every customer has a facts row, so leads appear with zeros. */
export async function ensureTraitRows(db: Db, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  await sql`insert into customer_trait (customer_id) select unnest(${customerIds}::bigint[]) on conflict (customer_id) do nothing`.execute(db);
}

/**
 * Recomputes facts from the facts tables for some customers, or for all.
 * Used by `clientele rebuild`, after merges, and when an existing order changes
 * (a refund can move a last purchase back, which no delta can express).
 */
export async function recomputeTraits(db: Db, scope: number[] | 'all', timeZone: string): Promise<void> {
  if (scope !== 'all' && scope.length === 0) return;
  const only = (column: RawBuilder<unknown>) => (scope === 'all' ? sql`true` : sql`${column} = any(${scope}::bigint[])`);
  if (scope === 'all') {
    await sql`delete from customer_purchase_day`.execute(db);
    await sql`delete from customer_category`.execute(db);
    await sql`delete from customer_trait`.execute(db);
  } else {
    await sql`delete from customer_purchase_day where ${only(sql.ref('customer_id'))}`.execute(db);
    await sql`delete from customer_category where ${only(sql.ref('customer_id'))}`.execute(db);
    await sql`delete from customer_trait where ${only(sql.ref('customer_id'))}`.execute(db);
  }
  await sql`
    insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select o.customer_id, ${purchaseDay('o', timeZone)}, count(*), sum(${netAmount('o')})
    from customer_order o where ${isVerified('o')} and ${only(sql.ref('o.customer_id'))} group by 1, 2`.execute(db);
  await sql`
    insert into customer_category (customer_id, category, line_count, quantity, amount_minor)
    select l.customer_id, coalesce(l.category, p.category, 'uncategorised'), count(*), sum(l.quantity), sum(round(l.quantity * l.unit_price_minor))::bigint
    from order_line l
    join customer_order o on o.customer_id = l.customer_id and o.order_id = l.order_id
    left join product p on p.sku = l.sku
    where ${isVerified('o')} and ${only(sql.ref('l.customer_id'))}
    group by 1, 2`.execute(db);
  await insertTraitRows(db, only);
}

/**
 * Writes the customer_trait rows of every customer in scope (none may exist)
 * from their orders, purchase days, interest events and the orders they received. Exported for the
 * analysis benchmark, whose generator writes orders and purchase days directly
 * and then needs the facts rows every customer of a real store has.
 */
export async function writeAllTraitRows(db: Db): Promise<void> {
  await insertTraitRows(db, () => sql`true`);
}

async function insertTraitRows(db: Db, only: (column: RawBuilder<unknown>) => RawBuilder<unknown>): Promise<void> {
  await sql`
    with orders as (select o.customer_id, ${orderAggregates} from customer_order o where ${only(sql.ref('o.customer_id'))} group by o.customer_id),
    received as (${receivedAggregates(sql`customer_order`, only(sql.ref('o.recipient_customer_id')))}),
    days as (select customer_id, count(*)::int as purchase_days from customer_purchase_day where ${only(sql.ref('customer_id'))} group by 1),
    events as (
      select e.customer_id, min(e.occurred_at) as first_event_at,
        (array_agg(e.channel order by e.occurred_at, e.event_id))[1] as first_event_channel, count(*)::int as event_count
      from interest_event e where ${only(sql.ref('e.customer_id'))} group by 1)
    insert into customer_trait (
      customer_id, first_purchase_at, last_purchase_at, purchase_days, order_count, revenue_minor, refunded_minor,
      refunded_order_count, promotion_order_count, store_order_count, web_order_count, mobile_order_count,
      marketplace_order_count, phone_order_count, other_order_count, first_interest_at, first_interest_channel, interest_event_count)
    select c.customer_id, o.first_purchase_at, o.last_purchase_at, coalesce(d.purchase_days, 0), coalesce(o.order_count, 0),
      coalesce(o.revenue_minor, 0), coalesce(o.refunded_minor, 0), coalesce(o.refunded_order_count, 0), coalesce(o.promotion_order_count, 0),
      coalesce(o.store_order_count, 0), coalesce(o.web_order_count, 0), coalesce(o.mobile_order_count, 0),
      coalesce(o.marketplace_order_count, 0), coalesce(o.phone_order_count, 0), coalesce(o.other_order_count, 0),
      ${earliestSign([['e.first_event_at', 'e.first_event_channel'], ['o.first_interest_at', 'o.first_interest_channel'], ['r.first_received_at', 'r.first_received_channel']])},
      coalesce(e.event_count, 0)
    from customer c
    left join orders o using (customer_id)
    left join days d using (customer_id)
    left join events e using (customer_id)
    left join received r using (customer_id)
    where c.merged_into_customer_id is null and ${only(sql.ref('c.customer_id'))}`.execute(db);
}
