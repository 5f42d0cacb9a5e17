import { expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { fixedClock } from '../../core/clock.js';
import type { Database } from '../../db/schema.js';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { alertsAsOf, alertsFixture } from '../../../test/fixtures/analytics/alerts-fixture.js';
import { seedStore } from '../../../test/fixtures/analytics/seed.js';
import { loadAnalysisContext } from '../analysis-context.js';
import { analyze } from '../analyze.service.js';
import { heldTypes } from '../types-store.repo.js';
import { metricSeriesWindow, raiseMetricAlerts } from './alerts.service.js';
import type { Granularity, MetricPoint } from './detect-drops.js';
import { combineSeries, readAllSeries, readStoreSeries, readTypeSeries, type SeriesWindow } from './metric-series.repo.js';

/**
 * The series as one plain statement over every dimension at once (what the
 * alerts read before the store part was split off), ordered as the detector
 * reads them: per granularity, section (store and channels, types,
 * categories), bucket, channels before the store, segment.
 */
async function referenceSeries(db: Kysely<Database>, window: SeriesWindow): Promise<Record<Granularity, MetricPoint[]>> {
  const firstDay = sql`(${window.asOfDay}::date - ${7 * (window.weeksOfHistory + 1) - 1}::int)`;
  const result = await sql<MetricPoint & { granularity: Granularity }>`
    with o as (
      select o.customer_id, o.order_id, o.channel, o.amount_minor - o.refunded_minor as amount_minor, o.amount_minor as gross_minor,
        coalesce(t.primary_type, 'unclassified') as type,
        ${window.asOfDay}::date - (o.ordered_at at time zone ${window.timezone}::text)::date as age
      from customer_order o left join customer_type t on t.customer_id = o.customer_id
      where o.status in ('paid', 'partially_refunded') and o.ordered_at >= (${firstDay}::timestamp at time zone ${window.timezone}::text)
        and o.ordered_at < ${window.asOfInstant}::timestamptz
    ), bucketed as (
      select 'day' as granularity, age as bucket, o.* from o where age <= ${7 * window.weeksOfHistory}::int
      union all select 'week', age / 7, o.* from o
    ), lines as (
      select b.granularity, b.bucket, b.order_id, b.customer_id, coalesce(l.category, 'uncategorised') as category,
        l.quantity * l.unit_price_minor * case when b.gross_minor = 0 then 1 else b.amount_minor::float8 / b.gross_minor end as amount
      from bucketed b join order_line l on l.customer_id = b.customer_id and l.order_id = b.order_id
    )
    select granularity, bucket::int, dimension, segment, revenue, orders, customers from (
      select granularity, bucket, 'channel' as dimension, channel as segment, sum(amount_minor)::float8 as revenue, count(*)::int as orders,
        count(distinct customer_id)::int as customers, 0 as section, 0 as subsection from bucketed group by 1, 2, 4
      union all
      select granularity, bucket, 'all', 'all', sum(amount_minor)::float8, count(*)::int, count(distinct customer_id)::int, 0, 1 from bucketed group by 1, 2
      union all
      select granularity, bucket, 'type', type, sum(amount_minor)::float8, count(*)::int, count(distinct customer_id)::int, 1, 0 from bucketed group by 1, 2, 4
      union all
      select granularity, bucket, 'category', category, sum(amount)::float8, count(distinct order_id)::int, count(distinct customer_id)::int, 2, 0 from lines group by 1, 2, 4
    ) series
    order by granularity, section, bucket, subsection, segment`.execute(db);
  const series: Record<Granularity, MetricPoint[]> = { day: [], week: [] };
  for (const { granularity, ...point } of result.rows) series[granularity].push({ ...point, revenue: Number(point.revenue) });
  return series;
}

describeEachStore('metric series for change alerts', (context) => {
  it('reads the store, channel and category part apart from the types part, and puts them together as one statement over all of them would', async () => {
    const db = context.store.db;
    await seedStore(db, alertsFixture(0.4));
    await analyze(db, { asOf: alertsAsOf });
    const clock = fixedClock('2026-07-05T00:00:00Z');
    const analysis = await loadAnalysisContext(db, alertsAsOf, clock);
    const window = await metricSeriesWindow(db, analysis, clock.now());
    const series = combineSeries(await readStoreSeries(db, window), await readTypeSeries(db, { ...window, primaryTypes: heldTypes }));

    const reference = await referenceSeries(db, window);
    expect(series).toEqual(reference);
    // and in one pass, as a run reads them when nothing was read ahead
    expect(combineSeries(await readAllSeries(db, { ...window, primaryTypes: heldTypes }))).toEqual(reference);
    // every granularity, bucket and dimension is there: nine weeks of days, ten weekly buckets
    expect(new Set(series.day.map((point) => point.bucket)).size).toBe(7 * window.weeksOfHistory + 1);
    expect(new Set(series.week.map((point) => point.bucket)).size).toBe(window.weeksOfHistory + 1);
    const lastWeek = series.week.filter((point) => point.bucket === 0);
    expect(lastWeek.map((point) => point.dimension)).toEqual(expect.arrayContaining(['channel', 'all', 'type', 'category']));
    // the whole store's last week, against the orders themselves
    const expected = (await sql<{ revenue: number; orders: number; customers: number }>`
      select sum(amount_minor)::float8 as revenue, count(*)::int as orders, count(distinct customer_id)::int as customers from customer_order
      where (ordered_at at time zone 'Asia/Jakarta')::date between ${alertsAsOf}::date - 6 and ${alertsAsOf}::date`.execute(db)).rows[0];
    const whole = lastWeek.find((point) => point.dimension === 'all')!;
    expect({ revenue: whole.revenue, orders: whole.orders, customers: whole.customers }).toEqual(expected);
  });

  it('counts revenue net of partial refunds, in the store, its channels, types and categories', async () => {
    const db = context.store.db;
    const day = '2026-06-28';
    await seedStore(db, {
      customerIds: [1, 2],
      orders: [{ customerId: 1, day, amountMinor: 100_000, category: 'Books' }, { customerId: 2, day, amountMinor: 200_000, category: 'Toys', channel: 'web' }],
    });
    await sql`update customer_order set status = 'partially_refunded', refunded_minor = 50000 where customer_id = 2`.execute(db);
    const clock = fixedClock('2026-07-05T00:00:00Z');
    const window = await metricSeriesWindow(db, await loadAnalysisContext(db, day, clock), clock.now());
    const series = combineSeries(await readAllSeries(db, { ...window, primaryTypes: heldTypes }));
    const revenueOf = (dimension: string, segment: string) => series.day.find((point) => point.bucket === 0 && point.dimension === dimension && point.segment === segment)?.revenue;
    expect([revenueOf('all', 'all'), revenueOf('channel', 'web'), revenueOf('category', 'Toys'), revenueOf('category', 'Books')]).toEqual([250_000, 150_000, 150_000, 100_000]);
    expect(combineSeries(await readStoreSeries(db, window)).week.find((point) => point.bucket === 0 && point.dimension === 'all')?.revenue).toBe(250_000);
  });

  it('uses a part read ahead only for the window it was read for, and analyze reads it ahead on a server', async () => {
    const db = context.store.db;
    await seedStore(db, alertsFixture(0.4));
    const result = await analyze(db, { asOf: alertsAsOf });
    // the embedded store's one connection reads everything in one pass in the run's transaction
    if (context.kind === 'server') expect(result.timingMs.seriesReadAhead).toBeGreaterThanOrEqual(0);
    else expect(result.timingMs.seriesReadAhead).toBeNull();
    const clock = fixedClock('2026-07-05T00:00:00Z');
    const analysis = await loadAnalysisContext(db, alertsAsOf, clock);
    const window = await metricSeriesWindow(db, analysis, clock.now());
    const unreadable = () => { const rows = Promise.reject(new Error('read ahead')); rows.catch(() => undefined); return rows; };
    await expect(raiseMetricAlerts(db, analysis, clock.now(), heldTypes, { storeSeries: { window, rows: unreadable() } })).rejects.toThrow('read ahead');
    const otherWindow = { ...window, weeksOfHistory: window.weeksOfHistory + 1 };
    // the analysis above raised the drops; gone, they are new again, and raised only if the series was read after all
    await sql`delete from alert`.execute(db);
    const raised = await raiseMetricAlerts(db, analysis, clock.now(), heldTypes, { storeSeries: { window: otherWindow, rows: unreadable() } });
    expect(raised.usedReadAhead).toBe(false);
    expect(raised.raised).toBeGreaterThan(0);
  });
});
