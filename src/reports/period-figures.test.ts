import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from '../db/schema.js';
import { addOrdersToTraits, rebuildTraits } from '../traits/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { mergeCustomers } from '../customers/merge.service.js';
import { comparedPeriods } from './period.js';
import { figuresForPeriods, type PeriodFigures } from './period-figures.repo.js';

const timeZone = 'Asia/Jakarta';
const quarterHourMs = 900_000;

/**
 * What the key figures of a period [start, end) mean, written the plain way from
 * the raw tables (orders, interest events, customers; no derived facts): the fast
 * statement must give exactly these numbers. A purchase is a paid or partly
 * refunded order, worth its amount less the refund; purchase days are calendar
 * days in the store's zone. Leads count first signs of interest up to the end of
 * the quarter hour holding `end`, the grain first signs are kept at.
 */
async function figuresOfPeriod(db: Kysely<Database>, period: { start: Date; end: Date }, zone: string): Promise<PeriodFigures> {
  const [start, end] = [sql`${period.start.toISOString()}::timestamptz`, sql`${period.end.toISOString()}::timestamptz`];
  const seenBy = sql`${new Date(Math.ceil(period.end.getTime() / quarterHourMs) * quarterHourMs).toISOString()}::timestamptz`;
  const result = await sql<Record<'real_customers' | 'new_customers' | 'repeaters' | 'active' | 'revenue' | 'orders' | 'leads', number>>`
    with purchase as (
      select o.customer_id, o.ordered_at, o.amount_minor - o.refunded_minor as net, (o.ordered_at at time zone ${zone})::date as day
      from customer_order o join customer c using (customer_id)
      where c.merged_into_customer_id is null and o.status in ('paid', 'partially_refunded') and o.ordered_at < ${end}),
    buyer as (select customer_id, min(ordered_at) as first_at, count(distinct day) as days from purchase group by 1),
    first_sign as (
      select c.customer_id, coalesce(least((select min(o.ordered_at) from customer_order o where o.customer_id = c.customer_id),
        (select min(e.occurred_at) from interest_event e where e.customer_id = c.customer_id)), c.created_at) as seen_at
      from customer c where c.merged_into_customer_id is null)
    select (select count(*) from buyer)::int as real_customers,
      (select count(*) from buyer where first_at >= ${start})::int as new_customers,
      (select count(*) from buyer where days >= 2)::int as repeaters,
      (select count(distinct customer_id) from purchase where ordered_at >= ${start})::int as active,
      (select coalesce(sum(net), 0) from purchase where ordered_at >= ${start})::bigint as revenue,
      (select count(*) from purchase where ordered_at >= ${start})::int as orders,
      (select count(*) from first_sign f where f.seen_at < ${seenBy} and not exists (select 1 from buyer b where b.customer_id = f.customer_id))::int as leads`.execute(db);
  const row = result.rows[0];
  const real = Number(row.real_customers);
  return {
    realCustomers: real,
    leads: Number(row.leads),
    newCustomers: Number(row.new_customers),
    activeCustomers: Number(row.active),
    repeatPurchaseRate: real === 0 ? 0 : Number(row.repeaters) / real,
    revenueMinor: Number(row.revenue),
    orders: Number(row.orders),
  };
}

/**
 * 400 customers over 120 days, seeded: leads with and without interest events,
 * sign-ups before and after their first order, several orders on one day,
 * refunds and cancellations (interest but no purchase), and two merges.
 */
async function plantStore(db: Kysely<Database>): Promise<void> {
  // purchase days are cut in the store's zone: the figures below are read in the same one
  await updateStoreSettings(db, { timezone: timeZone });
  await sql`
    insert into customer (customer_id, name, created_at)
    select i, 'Customer ' || i, timestamptz '2024-01-01 00:00:00+07' + (abs(hashtext('created' || i)) % (130 * 24)) * interval '1 hour'
    from generate_series(1, 400) i`.execute(db);
  await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), 400)`.execute(db);
  await sql`
    insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, channel, status)
    select 1 + abs(hashtext('buyer' || i)) % 300, 'test', 'o' || i,
      timestamptz '2024-01-01 00:00:00+07' + (abs(hashtext('day' || i)) % (120 * 24)) * interval '1 hour',
      'IDR', 10000 + i, 10000 + i, case when i % 17 = 0 then 4000 else 0 end, 'web',
      case when i % 23 = 0 then 'cancelled' when i % 29 = 0 then 'refunded' when i % 17 = 0 then 'partially_refunded' else 'paid' end
    from generate_series(1, 1500) i`.execute(db);
  await sql`
    insert into interest_event (customer_id, source, external_id, kind, channel, occurred_at)
    select 200 + abs(hashtext('lead' || i)) % 200, 'test', 'e' || i, 'visit', 'web',
      timestamptz '2024-01-01 00:00:00+07' + (abs(hashtext('seen' || i)) % (120 * 24)) * interval '1 hour'
    from generate_series(1, 150) i`.execute(db);
  await rebuildTraits(db);
  await mergeCustomers(db, 5, 6, 'test');
  await mergeCustomers(db, 350, 351, 'test');
}

describeEachStore('key figures of two periods', (context) => {
  beforeAll(async () => {
    await plantStore(context.store.db);
  });

  it('equal the plain definition for short and long periods, whole days or up to the same time, as of days inside and after the data', async () => {
    const db = context.store.db;
    for (const asOf of ['2024-01-20T12:00:00Z', '2024-02-29T23:30:00Z', '2024-04-10T05:07:31.250Z', '2024-05-15T12:00:00Z']) {
      for (const days of [1, 7, 30, 45]) {
        for (const comparison of ['whole-days', 'same-time'] as const) {
          const periods = comparedPeriods(new Date(asOf), days, timeZone, comparison);
          const fast = await figuresForPeriods(db, periods, timeZone);
          expect({ asOf, days, comparison, ...fast }).toEqual({
            asOf, days, comparison, current: await figuresOfPeriod(db, periods.current, timeZone), previous: await figuresOfPeriod(db, periods.previous, timeZone),
          });
        }
      }
    }
  });

  it('sees every kind of customer the figures count', async () => {
    // guards the fixture itself: a comparison over empty figures would prove nothing
    for (const comparison of ['whole-days', 'same-time'] as const) {
      const figures = await figuresForPeriods(context.store.db, comparedPeriods(new Date('2024-04-10T05:07:31.250Z'), 30, timeZone, comparison), timeZone);
      for (const value of [...Object.values(figures.current), ...Object.values(figures.previous)]) expect(value).toBeGreaterThan(0);
      expect(figures.current.repeatPurchaseRate).toBeLessThan(1);
    }
  });

  it('refuses a period that does not end inside its last day', async () => {
    const start = new Date('2024-01-31T17:00:00Z');
    const period = { from: '2024-02-01', to: '2024-03-01', start, end: new Date('2024-03-05T00:00:00Z') };
    await expect(figuresForPeriods(context.store.db, { previous: period, current: period }, timeZone)).rejects.toThrow(/end inside its last day/);
  });
});

/**
 * A live store in Riga (UTC+3 until 27 October 2024, UTC+2 after), as of
 * Wednesday 30 October 2024, 18:40: the last 7 days up to now (24 October – today
 * 18:40) against 17 October – 23 October 18:40. Seven times 24 hours before now
 * would be 19:40 on the 23rd: the clock went back an hour in between.
 */
describeEachStore('key figures up to the same time of day, by hand', (context) => {
  const zone = 'Europe/Riga';
  const now = new Date('2024-10-30T16:40:00Z');
  beforeAll(async () => {
    const db = context.store.db;
    await updateStoreSettings(db, { timezone: zone });
    await sql`
      insert into customer (customer_id, name, created_at) values
        (1, 'A', '2024-10-01 00:00+03'), (2, 'B', '2024-10-01 00:00+03'), (3, 'C', '2024-10-01 00:00+03'), (4, 'D', '2024-10-01 00:00+03'),
        (5, 'E', '2024-10-01 00:00+03'), (6, 'F', '2024-10-01 00:00+03'), (7, 'G', '2024-10-01 00:00+03'), (8, 'H', '2024-10-01 00:00+03'),
        (9, 'I', '2024-10-20 12:00+03'), (10, 'J', '2024-10-23 18:42+03'), (11, 'K', '2024-10-23 19:00+03')`.execute(db);
    const order = (customer: number, id: string, at: string, amount: number, status = 'paid', refunded = 0) =>
      sql`(${customer}::bigint, 'test', ${id}, ${at}::timestamptz, 'EUR', ${amount}::bigint, ${amount}::bigint, ${refunded}::bigint, 'web', ${status})`;
    const insertOrders = (rows: ReturnType<typeof order>[]) => sql<{ customer_id: number; order_id: number }>`
      insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor, channel, status)
      values ${sql.join(rows)} returning customer_id, order_id`.execute(db);
    await insertOrders([
      order(1, 'a1', '2024-10-10 12:00+03', 10000), order(1, 'a2', '2024-10-18 12:00+03', 20000),
      // the previous period's last day: before its cut-off (18:40) and after it
      order(1, 'a3', '2024-10-23 10:00+03', 30000), order(7, 'g1', '2024-10-23 18:10+03', 110000),
      order(2, 'b1', '2024-10-23 19:20+03', 50000), order(1, 'a4', '2024-10-23 20:00+03', 1000),
      order(3, 'c1', '2024-10-25 12:00+03', 60000), order(8, 'h1', '2024-10-19 12:00+03', 5000, 'cancelled'),
    ]);
    await rebuildTraits(db);
    // today's orders arrive as a live store's do, each added to its buyer's facts
    const today = await insertOrders([
      order(7, 'g2', '2024-10-30 08:00+02', 120000), order(1, 'a5', '2024-10-30 09:00+02', 40000),
      order(4, 'd1', '2024-10-30 10:00+02', 80000, 'refunded', 80000), order(5, 'e1', '2024-10-30 11:00+02', 90000, 'partially_refunded', 20000),
      order(3, 'c2', '2024-10-30 12:00+02', 70000), order(5, 'e2', '2024-10-30 19:00+02', 7000), order(6, 'f1', '2024-10-30 20:00+02', 100000),
    ]);
    await addOrdersToTraits(db, today.rows.map((row) => ({ customerId: Number(row.customer_id), orderId: Number(row.order_id) })), zone);
  });

  it('ends the previous week at 18:40 on the clock, seven days less an hour before now, as summer time ended between', () => {
    const periods = comparedPeriods(now, 7, zone, 'same-time');
    expect(periods.current).toEqual({ from: '2024-10-24', to: '2024-10-31', start: new Date('2024-10-23T21:00:00Z'), end: now });
    expect(periods.previous).toEqual({ from: '2024-10-17', to: '2024-10-24', start: new Date('2024-10-16T21:00:00Z'), end: new Date('2024-10-23T15:40:00Z') });
  });

  it('counts each period up to 18:40 on its last day', async () => {
    const db = context.store.db;
    const periods = comparedPeriods(now, 7, zone, 'same-time');
    const figures = await figuresForPeriods(db, periods, zone);
    expect(figures).toEqual({
      // today: G, A, C (again, after the 25th) and E (€200 of €900 refunded) up to 18:40; D's order was refunded, E's second and F's come later
      current: { revenueMinor: 360000, orders: 5, activeCustomers: 4, newCustomers: 2, realCustomers: 5, repeatPurchaseRate: 3 / 5, leads: 5 },
      // the 18th and the 23rd up to 18:40: A twice (active once) and G's first purchase; B bought first at 19:20, after the cut-off
      previous: { revenueMinor: 160000, orders: 3, activeCustomers: 2, newCustomers: 1, realCustomers: 2, repeatPurchaseRate: 1 / 2, leads: 3 },
    });
    // real: A, B, C, E, G; repeat buyers A, C, G. Leads: D (a refunded order), H (cancelled), I, J, K; F is first seen at 20:00.
    // Leads before: H, I, and J, who signed up at 18:42, inside the quarter hour that holds the cut-off
    expect(figures).toEqual({ current: await figuresOfPeriod(db, periods.current, zone), previous: await figuresOfPeriod(db, periods.previous, zone) });
  });

  it('counts whole days when the period is whole days', async () => {
    const db = context.store.db;
    const periods = comparedPeriods(now, 7, zone, 'whole-days');
    const figures = await figuresForPeriods(db, periods, zone);
    // the whole 23rd (B's first purchase and A's evening order) and the whole of today (E's and F's evening orders)
    expect(figures.previous).toMatchObject({ revenueMinor: 211000, orders: 5, newCustomers: 2, realCustomers: 3 });
    expect(figures.current).toMatchObject({ revenueMinor: 467000, orders: 7, newCustomers: 3, realCustomers: 6 });
    expect(figures).toEqual({ current: await figuresOfPeriod(db, periods.current, zone), previous: await figuresOfPeriod(db, periods.previous, zone) });
  });
});
