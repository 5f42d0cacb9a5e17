import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { updateStoreSettings } from '../settings/index.js';
import { reportRevenue, type RevenueReport } from './store-reports.service.js';

// A live store in Jakarta whose first orders come on Tuesday 1 December 2026; it is 17:00 on Friday 4 December,
// a day without a sale so far (an outage: the one order that day was cancelled)
const clock = fixedClock('2026-12-04T10:00:00Z');
const order = (id: string, email: string, at: string, amount: string, channel: string, status = 'paid') =>
  ({ order_id: id, customer_email: email, ordered_at: at, amount, currency: 'IDR', channel, status });
const orders = [
  order('R1', 'ana@example.com', '2026-12-01T09:00:00+07:00', '100000', 'web'),
  order('R2', 'budi@example.com', '2026-12-01T20:00:00+07:00', '50000', 'store'),
  // 17:30 UTC on 1 December: the store's day is the 2nd
  order('R3', 'ana@example.com', '2026-12-02T00:30:00+07:00', '40000', 'web'),
  order('R4', 'cici@example.com', '2026-12-03T12:00:00+07:00', '70000', 'mobile'),
  order('R5', 'budi@example.com', '2026-12-04T09:00:00+07:00', '30000', 'store', 'cancelled'),
];

const day = (period: string, revenueMinor: number, orders: number, customers: number, isPartial = false) =>
  ({ period, revenueMinor, orders, customers, from: period, to: nextDay(period), isPartial });
const nextDay = (period: string) => new Date(Date.parse(`${period}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const rows = (report: RevenueReport) => report.points.map(({ period, revenueMinor, orders, customers }) => [period, revenueMinor, orders, customers]);

/** The days the points count run without a hole or an overlap from the report's first day to its last: what the heading names. */
function expectPointsCoverRange(report: RevenueReport): void {
  expect(report.points[0].from).toBe(report.from);
  expect(report.points.at(-1)!.to).toBe(report.to);
  for (let index = 1; index < report.points.length; index += 1) expect(report.points[index].from).toBe(report.points[index - 1].to);
}

describeEachStore('revenue report: every period of the range, of all channels or one', (context) => {
  beforeAll(async () => {
    await updateStoreSettings(context.store.db, { timezone: 'Asia/Jakarta', currency: 'IDR', data_as_of: null });
    await ingestRecords(context.store.db, 'orders', orders, { actor: 'test', clock });
  });

  it('gives every day of a range that starts before the first order and ends today, 0 on the days without a sale', async () => {
    const report = await reportRevenue(context.store.db, { granularity: 'day', from: '2026-11-28', to: '2026-12-05', clock });
    expect(report).toMatchObject({ from: '2026-11-28', to: '2026-12-05', channel: null });
    expect(report.points).toEqual([
      day('2026-11-28', 0, 0, 0), day('2026-11-29', 0, 0, 0), day('2026-11-30', 0, 0, 0),
      day('2026-12-01', 150000, 2, 2), day('2026-12-02', 40000, 1, 1), day('2026-12-03', 70000, 1, 1),
      // today, not over: the cancelled order is no sale, and the day is there, at 0
      day('2026-12-04', 0, 0, 0, true),
    ]);
    expectPointsCoverRange(report);
  });

  it('gives the weeks and months without a sale too, each clipped to the range', async () => {
    const weeks = await reportRevenue(context.store.db, { granularity: 'week', from: '2026-11-10', to: '2026-12-05', clock });
    expect(weeks.points).toEqual([
      { period: '2026-11-09', revenueMinor: 0, orders: 0, customers: 0, from: '2026-11-10', to: '2026-11-16', isPartial: true },
      { period: '2026-11-16', revenueMinor: 0, orders: 0, customers: 0, from: '2026-11-16', to: '2026-11-23', isPartial: false },
      { period: '2026-11-23', revenueMinor: 0, orders: 0, customers: 0, from: '2026-11-23', to: '2026-11-30', isPartial: false },
      { period: '2026-11-30', revenueMinor: 260000, orders: 4, customers: 3, from: '2026-11-30', to: '2026-12-05', isPartial: true },
    ]);
    expectPointsCoverRange(weeks);
    const months = await reportRevenue(context.store.db, { granularity: 'month', from: '2026-09-15', to: '2026-12-05', clock });
    expect(rows(months)).toEqual([['2026-09-01', 0, 0, 0], ['2026-10-01', 0, 0, 0], ['2026-11-01', 0, 0, 0], ['2026-12-01', 260000, 4, 3]]);
    expectPointsCoverRange(months);
  });

  it('narrows to one channel, its orders put on their store day, the other days at 0', async () => {
    const web = await reportRevenue(context.store.db, { granularity: 'day', from: '2026-11-30', to: '2026-12-05', channel: 'web', clock });
    expect(web.channel).toBe('web');
    expect(rows(web)).toEqual([['2026-11-30', 0, 0, 0], ['2026-12-01', 100000, 1, 1], ['2026-12-02', 40000, 1, 1], ['2026-12-03', 0, 0, 0], ['2026-12-04', 0, 0, 0]]);
    expectPointsCoverRange(web);
    const store = await reportRevenue(context.store.db, { granularity: 'week', from: '2026-11-30', to: '2026-12-05', channel: 'store', clock });
    expect(rows(store)).toEqual([['2026-11-30', 50000, 1, 1]]);
    expect(rows(await reportRevenue(context.store.db, { granularity: 'week', from: '2026-11-30', to: '2026-12-05', channel: 'phone', clock }))).toEqual([['2026-11-30', 0, 0, 0]]);
  });

  it('adds up over the channels to the report of all of them', async () => {
    const range = { granularity: 'day' as const, from: '2026-11-29', to: '2026-12-05', clock };
    const all = await reportRevenue(context.store.db, range);
    const perChannel = await Promise.all((['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const).map((channel) => reportRevenue(context.store.db, { ...range, channel })));
    // the customers of each day bought through one channel here, so they add up too
    expect(all.points.map((point, index) => ({
      ...point,
      revenueMinor: perChannel.reduce((sum, report) => sum + report.points[index].revenueMinor, 0),
      orders: perChannel.reduce((sum, report) => sum + report.points[index].orders, 0),
      customers: perChannel.reduce((sum, report) => sum + report.points[index].customers, 0),
    }))).toEqual(all.points);
  });
});
