import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { updateStoreSettings } from '../settings/index.js';
import { revenueSeries } from './store-summary.repo.js';

const clock = fixedClock('2026-12-04T10:00:00Z');
const order = (id: string, email: string, at: string, amount: string, status = 'paid') =>
  ({ order_id: id, customer_email: email, ordered_at: at, amount, currency: 'IDR', channel: 'web', status });
// Buyers on several days of one week and one month, across a month's and a year's end, one order cancelled
// after it was imported paid (its purchase day taken back), and a range that starts inside a week and a month.
const orders = [
  order('S1', 'ana@example.com', '2025-12-29T09:00:00+07:00', '100000'),
  order('S2', 'ana@example.com', '2025-12-31T09:00:00+07:00', '20000'),
  order('S3', 'ana@example.com', '2026-01-02T09:00:00+07:00', '30000'),
  order('S4', 'budi@example.com', '2025-12-31T23:30:00+07:00', '50000'),
  order('S5', 'budi@example.com', '2026-01-07T10:00:00+07:00', '60000'),
  order('S6', 'cici@example.com', '2026-01-06T10:00:00+07:00', '70000'),
  order('S7', 'cici@example.com', '2026-01-08T10:00:00+07:00', '80000'),
  order('S8', 'dewi@example.com', '2026-01-08T10:00:00+07:00', '90000'),
  order('S9', 'dewi@example.com', '2026-02-03T10:00:00+07:00', '15000'),
  order('S10', 'ana@example.com', '2026-02-03T11:00:00+07:00', '25000'),
  order('S11', 'ana@example.com', '2026-02-03T12:00:00+07:00', '35000'),
];

describeEachStore('revenue series of all channels, from the store\'s per-day totals', (context) => {
  beforeAll(async () => {
    await updateStoreSettings(context.store.db, { timezone: 'Asia/Jakarta', currency: 'IDR', data_as_of: null });
    await ingestRecords(context.store.db, 'orders', orders, { actor: 'test', clock });
    await ingestRecords(context.store.db, 'orders', [order('S7', 'cici@example.com', '2026-01-08T10:00:00+07:00', '80000', 'cancelled')], { actor: 'test', clock });
  });

  it('gives the figures a count over the purchase days themselves gives, each buyer once per period from the range\'s first day', async () => {
    const ranges = [{ from: '2025-12-01', to: '2026-03-01' }, { from: '2025-12-31', to: '2026-02-04' }, { from: '2026-01-07', to: '2026-01-09' }, { from: '2026-02-04', to: '2026-02-10' }];
    for (const granularity of ['day', 'week', 'month'] as const) {
      for (const range of ranges) {
        // the series as it was read before the per-day totals: every purchase day of the range, buyers counted distinct
        const expected = await sql<{ period: string; revenue: number; orders: number; customers: number }>`
          with sold as (
            select date_trunc(${granularity}, day::timestamp) as period, sum(amount_minor)::bigint as revenue,
              sum(order_count)::int as orders, count(distinct customer_id)::int as customers
            from customer_purchase_day where day >= ${range.from}::date and day < ${range.to}::date group by 1),
          period as (
            select generate_series(date_trunc(${granularity}, ${range.from}::date::timestamp), (${range.to}::date - 1)::timestamp, ${`1 ${granularity}`}::interval) as period)
          select to_char(p.period, 'YYYY-MM-DD') as period, coalesce(s.revenue, 0) as revenue, coalesce(s.orders, 0) as orders, coalesce(s.customers, 0) as customers
          from period p left join sold s on s.period = p.period order by p.period`.execute(context.store.db);
        const series = await revenueSeries(context.store.db, range, granularity, { channel: null, timeZone: 'Asia/Jakarta' });
        expect(series).toEqual(expected.rows.map((row) => ({ period: row.period, revenueMinor: Number(row.revenue), orders: Number(row.orders), customers: Number(row.customers) })));
      }
    }
  });

  it('counts a buyer of two days of a week once, and one who bought before a range that starts inside the week too', async () => {
    // the week of 5 January from the 7th: budi (7th) and dewi (8th); cici's 8 January order was cancelled, her 6th is before the range
    expect(await revenueSeries(context.store.db, { from: '2026-01-07', to: '2026-01-12' }, 'week', { channel: null, timeZone: 'Asia/Jakarta' }))
      .toEqual([{ period: '2026-01-05', revenueMinor: 150000, orders: 2, customers: 2 }]);
    // the week of 29 December: ana on three days, budi on one (23:30 on the 31st in Jakarta)
    expect(await revenueSeries(context.store.db, { from: '2025-12-29', to: '2026-01-05' }, 'week', { channel: null, timeZone: 'Asia/Jakarta' }))
      .toEqual([{ period: '2025-12-29', revenueMinor: 200000, orders: 4, customers: 2 }]);
  });
});
