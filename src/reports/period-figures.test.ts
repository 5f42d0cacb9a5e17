import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from '../db/schema.js';
import { rebuildTraits } from '../traits/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { mergeCustomers } from '../customers/merge.service.js';
import { periodsEndingAt, type DayRange } from './period.js';
import { figuresForPeriods, type PeriodFigures } from './period-figures.repo.js';

const timeZone = 'Asia/Jakarta';

/**
 * What the key figures mean, written the plain way (one period, a join of all
 * customers with their facts and a scan of all purchase days): the fast
 * statement must give exactly these numbers.
 */
async function figuresOfPeriod(db: Kysely<Database>, range: DayRange): Promise<PeriodFigures> {
  const endInstant = sql`(${range.to}::date::timestamp at time zone ${timeZone})`;
  const startInstant = sql`(${range.from}::date::timestamp at time zone ${timeZone})`;
  const people = await sql<{ real_customers: number; leads: number; new_customers: number }>`
    select count(*) filter (where t.first_purchase_at < ${endInstant})::int as real_customers,
      count(*) filter (where (t.first_purchase_at is null or t.first_purchase_at >= ${endInstant})
        and coalesce(t.first_interest_at, c.created_at) < ${endInstant})::int as leads,
      count(*) filter (where t.first_purchase_at >= ${startInstant} and t.first_purchase_at < ${endInstant})::int as new_customers
    from customer_trait t join customer c using (customer_id) where c.merged_into_customer_id is null`.execute(db);
  const activity = await sql<{ active: number; revenue: number; orders: number }>`
    select count(distinct customer_id)::int as active, coalesce(sum(amount_minor), 0)::bigint as revenue, coalesce(sum(order_count), 0)::int as orders
    from customer_purchase_day where day >= ${range.from}::date and day < ${range.to}::date`.execute(db);
  const repeat = await sql<{ repeaters: number }>`
    select count(*)::int as repeaters from (
      select customer_id from customer_purchase_day where day < ${range.to}::date group by customer_id having count(*) >= 2) r`.execute(db);
  const real = Number(people.rows[0].real_customers);
  return {
    realCustomers: real,
    leads: Number(people.rows[0].leads),
    newCustomers: Number(people.rows[0].new_customers),
    activeCustomers: Number(activity.rows[0].active),
    repeatPurchaseRate: real === 0 ? 0 : Number(repeat.rows[0].repeaters) / real,
    revenueMinor: Number(activity.rows[0].revenue),
    orders: Number(activity.rows[0].orders),
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

describeEachStore('key figures of two adjacent periods', (context) => {
  beforeAll(async () => {
    await plantStore(context.store.db);
  });

  it('equal the plain definition for short and long periods, as of days inside and after the data', async () => {
    const db = context.store.db;
    for (const asOf of ['2024-01-20T12:00:00Z', '2024-02-29T23:30:00Z', '2024-04-10T05:00:00Z', '2024-05-15T12:00:00Z']) {
      for (const days of [1, 7, 30, 45]) {
        const periods = periodsEndingAt(new Date(asOf), days, timeZone);
        const fast = await figuresForPeriods(db, periods, timeZone);
        expect({ asOf, days, ...fast }).toEqual({
          asOf, days, current: await figuresOfPeriod(db, periods.current), previous: await figuresOfPeriod(db, periods.previous),
        });
      }
    }
  });

  it('sees every kind of customer the figures count', async () => {
    // guards the fixture itself: a comparison over empty figures would prove nothing
    const figures = await figuresForPeriods(context.store.db, periodsEndingAt(new Date('2024-04-10T05:00:00Z'), 30, timeZone), timeZone);
    for (const value of Object.values(figures.current)) expect(value).toBeGreaterThan(0);
    expect(figures.current.repeatPurchaseRate).toBeLessThan(1);
  });

  it('refuses periods that do not meet', async () => {
    await expect(figuresForPeriods(context.store.db, { previous: { from: '2024-01-01', to: '2024-01-31' }, current: { from: '2024-02-01', to: '2024-03-01' } }, timeZone))
      .rejects.toThrow(/adjacent/);
  });
});
