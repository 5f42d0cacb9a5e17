import { sql, type RawBuilder } from 'kysely';
import { likePattern } from '../core/like-pattern.js';
import { addDays } from '../core/clock.js';
import { resolveDate, startOf, startOfStoreDay, type StoreCalendar } from './filter-days.js';
import type { CountTest, InterestCondition, PurchasedCondition, TimeWindow } from './filter-types.js';
import { numberTestHolds } from './number-test.js';

// Only purchases count: cancelled and fully refunded orders are not purchases (as in customer_trait).
const purchaseStatuses = sql`('paid', 'partially_refunded')`;

function compileCount(measure: RawBuilder<unknown>, test: CountTest): RawBuilder<boolean> {
  // counts are whole numbers (the schema says so): bigint compares with count(*) as it is
  const value = test.value;
  switch (test.op) {
    case 'eq': return sql`(${measure} = ${value}::bigint)`;
    case 'neq': return sql`(${measure} <> ${value}::bigint)`;
    case 'gt': return sql`(${measure} > ${value}::bigint)`;
    case 'gte': return sql`(${measure} >= ${value}::bigint)`;
    case 'lt': return sql`(${measure} < ${value}::bigint)`;
    case 'lte': return sql`(${measure} <= ${value}::bigint)`;
    case 'between': {
      const [low, high] = value as [number, number];
      return sql`(${measure} between ${low}::bigint and ${high}::bigint)`;
    }
  }
}

/**
 * "The last N days" are N calendar days of the store: the as-of day and the N − 1 days before it,
 * up to the as-of time, the days the summary report's "last N days" counts its active customers
 * on; a purchase is within them exactly when its days_since_last_purchase would be under N. A
 * fixed window runs from the start of `from` to the start of `to` (exclusive), a time in either
 * being that instant.
 */
function windowCondition(column: RawBuilder<unknown>, window: TimeWindow | undefined, calendar: StoreCalendar): RawBuilder<unknown> {
  if (!window) return sql``;
  if ('days' in window) {
    const start = startOfStoreDay(addDays(calendar.asOfDay, 1 - window.days), calendar.timeZone);
    return sql`and ${column} >= ${start}::timestamptz and ${column} <= ${calendar.asOf}::timestamptz`;
  }
  const from = sql`and ${column} >= ${startOf(resolveDate(window.from, calendar), calendar.timeZone)}::timestamptz`;
  return window.to === undefined ? from : sql`${from} and ${column} < ${startOf(resolveDate(window.to, calendar), calendar.timeZone)}::timestamptz`;
}

// channels and interest kinds arrive spelled as their lists spell them (filter-values.ts); categories and
// interest channels are free text, compared regardless of case
const lowered = (values: string[]) => values.map((value) => value.toLowerCase());
// "at least once" is the common case: no counting needed.
const isAtLeastOnce = (test: CountTest) => (test.op === 'gte' && test.value === 1) || (test.op === 'gt' && test.value === 0);

/**
 * A per-customer measure over rows of one customer. When having nothing fails
 * the test, the matching customers are one set-based subquery (a hashed semi-
 * join over the window); otherwise the measure must be evaluated per customer,
 * counting customers with no rows as 0. `perCustomer` asks for the per-customer
 * form always: right when only a sample of customers is looked at, where one
 * pass over every order in the window would cost more than the sample saves.
 */
function measureCondition(from: RawBuilder<unknown>, where: RawBuilder<unknown>, customer: RawBuilder<unknown>, aggregate: RawBuilder<unknown> | null, test: CountTest, perCustomer: boolean): RawBuilder<boolean> {
  if (aggregate === null) {
    return perCustomer ? sql`exists (select 1 from ${from} where ${customer} = c.customer_id and ${where})` : sql`c.customer_id in (select ${customer} from ${from} where ${where})`;
  }
  if (!perCustomer && !numberTestHolds(0, test.op, test.value)) return sql`c.customer_id in (select ${customer} from ${from} where ${where} group by ${customer} having ${compileCount(aggregate, test)})`;
  return compileCount(sql`(select ${aggregate} from ${from} where ${customer} = c.customer_id and ${where})`, test);
}

export function compilePurchased({ purchased }: PurchasedCondition, calendar: StoreCalendar, perCustomer = false): RawBuilder<boolean> {
  const test = purchased.count ?? { op: 'gte', value: 1 };
  const measure = purchased.measure ?? 'orders';
  const lineConditions = sql`true
    ${purchased.category ? sql`and lower(coalesce(l.category, (select p.category from product p where p.sku = l.sku))) = any(${lowered(purchased.category)}::text[])` : sql``}
    ${purchased.sku ? sql`and l.sku = any(${purchased.sku}::text[])` : sql``}
    ${purchased.product_contains ? sql`and l.product_name ilike ${likePattern(purchased.product_contains, 'contains')}::text` : sql``}`;
  const hasLineConditions = purchased.category !== undefined || purchased.sku !== undefined || purchased.product_contains !== undefined;
  const orderConditions = sql`o.status in ${purchaseStatuses}
    ${purchased.channel ? sql`and o.channel = any(${purchased.channel}::text[])` : sql``}
    ${windowCondition(sql.ref('o.ordered_at'), purchased.within, calendar)}`;
  if (measure === 'orders') {
    // Counting orders needs each order once: a semi-join on its lines, not a
    // join, so no count(distinct) and no sort of every matching line.
    const where = hasLineConditions
      ? sql`${orderConditions} and exists (select 1 from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id and ${lineConditions})`
      : orderConditions;
    return measureCondition(sql`customer_order o`, where, sql.ref('o.customer_id'), isAtLeastOnce(test) ? null : sql`count(*)`, test, perCustomer);
  }
  const needsLines = hasLineConditions || measure === 'quantity';
  const from = needsLines ? sql`customer_order o join order_line l on l.customer_id = o.customer_id and l.order_id = o.order_id` : sql`customer_order o`;
  const where = needsLines ? sql`${orderConditions} and ${lineConditions}` : orderConditions;
  const aggregate = measure === 'quantity' ? sql`coalesce(sum(l.quantity), 0)`
    : needsLines ? sql`coalesce(sum(l.quantity * l.unit_price_minor), 0)` : sql`coalesce(sum(o.amount_minor), 0)`;
  return measureCondition(from, where, sql.ref('o.customer_id'), aggregate, test, perCustomer);
}

export function compileInterest({ interest }: InterestCondition, calendar: StoreCalendar, perCustomer = false): RawBuilder<boolean> {
  const test = interest.count ?? { op: 'gte', value: 1 };
  const where = sql`true
    ${interest.kind ? sql`and i.kind = any(${interest.kind}::text[])` : sql``}
    ${interest.channel ? sql`and lower(i.channel) = any(${lowered(interest.channel)}::text[])` : sql``}
    ${windowCondition(sql.ref('i.occurred_at'), interest.within, calendar)}`;
  return measureCondition(sql`interest_event i`, where, sql.ref('i.customer_id'), isAtLeastOnce(test) ? null : sql`count(*)`, test, perCustomer);
}
