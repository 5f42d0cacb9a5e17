import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { seedStore, type SeedOrder } from '../../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../../core/clock.js';
import { analyze } from '../analyze.service.js';
import { setTypePolicy } from '../types.service.js';

/** Weekly buyers (4 purchase days, 7 days apart): overdue from the 15th day after their last purchase. */
const weekly = (customerId: number, days: string[]): SeedOrder[] => days.map((day) => ({ customerId, day, amountMinor: 100_000 }));

const fixture = {
  customerIds: [1, 2, 3],
  orders: [
    // overdue since 2026-11-11 and 2026-11-15: both between two runs a fortnight apart
    ...weekly(1, ['2026-10-06', '2026-10-13', '2026-10-20', '2026-10-27']),
    ...weekly(2, ['2026-10-10', '2026-10-17', '2026-10-24', '2026-10-31']),
    // overdue since 2026-09-06, long before the first run
    ...weekly(3, ['2026-08-01', '2026-08-08', '2026-08-15', '2026-08-22']),
  ],
};

/**
 * Analysed as of 2026-11-24 (looking back to 2026-11-17) and as of the earlier 2026-10-31.
 * Customer 1 is overdue from 2026-10-28, by the earlier day, and buys again on 2026-11-20;
 * customer 2 from 2026-11-24, after the earlier day; customer 4 from 2026-11-11, between
 * the two days but before the later one's look-back, so no run of the later day raises it.
 */
const timeTravel = {
  customerIds: [1, 2, 4],
  orders: [
    ...weekly(1, ['2026-09-22', '2026-09-29', '2026-10-06', '2026-10-13', '2026-11-20']),
    ...weekly(2, ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09']),
    ...weekly(4, ['2026-10-06', '2026-10-13', '2026-10-20', '2026-10-27']),
  ],
};
const clock = fixedClock('2026-12-01T00:00:00Z');

const openOverdueAlerts = async (db: Parameters<typeof seedStore>[0]) => (await sql<{ customer_id: number; day: string }>`
  select customer_id, to_char(window_start, 'YYYY-MM-DD') as day from alert
  where kind = 'customer_overdue' and acknowledged_at is null order by customer_id, window_start`.execute(db))
  .rows.map((row) => [Number(row.customer_id), row.day]);

const overdueAlerts = async (db: Parameters<typeof seedStore>[0]) => (await sql<{ customer_id: number; day: string }>`
  select customer_id, to_char(window_start, 'YYYY-MM-DD') as day from alert where kind = 'customer_overdue' order by customer_id, window_start`.execute(db))
  .rows.map((row) => [Number(row.customer_id), row.day]);

describeEachStore('customer_overdue alerts', (context) => {
  it('raises every overdue day since the previous run, however far apart the runs, and each once', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    // a first run looks back 7 days only: customer 3, overdue for two months, raises nothing
    expect((await analyze(db, { asOf: '2026-11-10' })).alerts.new.customerOverdue).toBe(0);
    expect((await analyze(db, { asOf: '2026-11-24' })).alerts.new.customerOverdue).toBe(2);
    expect(await overdueAlerts(db)).toEqual([[1, '2026-11-11'], [2, '2026-11-15']]);
    // re-running the day, or the next day, raises nothing again; the two raised before are still open, and said so
    expect((await analyze(db, { asOf: '2026-11-24' })).alerts).toMatchObject({ new: { customerOverdue: 0 }, open: { customerOverdue: 2 } });
    await sql`update alert set acknowledged_at = now(), acknowledged_by = 'owner@example.com' where customer_id = 1`.execute(db);
    expect((await analyze(db, { asOf: '2026-11-25' })).alerts).toMatchObject({ new: { customerOverdue: 0 }, open: { customerOverdue: 1 } });
    expect(await overdueAlerts(db)).toEqual([[1, '2026-11-11'], [2, '2026-11-15']]);
  });

  it('gives the days since the last purchase on the alert\'s own day, not the run\'s, raised or moved by a changed policy', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    const figures = async () => (await sql<{ customer_id: number; day: string; expected: number; actual: number; change_pct: number }>`
      select customer_id, to_char(window_start, 'YYYY-MM-DD') as day, expected, actual, change_pct from alert
      where kind = 'customer_overdue' and window_start = window_end order by customer_id`.execute(db)).rows.map((row) => ({ ...row, customer_id: Number(row.customer_id) }));
    // weekly buyers: more than 14 days after 10-27 and 10-31 is 11-11 and 11-15, 15 days on, whatever day the run is of (11-24: 28 and 24)
    await analyze(db, { asOf: '2026-11-10', clock });
    await analyze(db, { asOf: '2026-11-24', clock });
    expect(await figures()).toEqual([
      { customer_id: 1, day: '2026-11-11', expected: 14, actual: 15, change_pct: 7.1 },
      { customer_id: 2, day: '2026-11-15', expected: 14, actual: 15, change_pct: 7.1 },
    ]);
    // more than 21 days: moved to 11-18 and 11-22, 22 days on (1/21 = 4.8%)
    await setTypePolicy(db, { atRisk: { overdueFactor: 3 } }, { clock });
    await analyze(db, { asOf: '2026-11-25', clock });
    expect(await figures()).toEqual([
      { customer_id: 1, day: '2026-11-18', expected: 21, actual: 22, change_pct: 4.8 },
      { customer_id: 2, day: '2026-11-22', expected: 21, actual: 22, change_pct: 4.8 },
    ]);
  });

  it('raises nothing in a run told not to, which is then no later run\'s previous one', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    // as of 2026-10-29 customer 3 is overdue and the others are not yet: an alerting run would look back 7 days
    const quiet = await analyze(db, { asOf: '2026-10-29', raisesAlerts: false });
    expect(quiet.alerts.new).toEqual({ metricDrops: 0, customerOverdue: 0 });
    expect(await sql`select count(*)::int as n from alert`.execute(db)).toMatchObject({ rows: [{ n: 0 }] });
    // as if no run came before: back to 2026-11-17 only, so customer 1 (overdue since 2026-11-11) raises nothing
    expect((await analyze(db, { asOf: '2026-11-24' })).alerts.new.customerOverdue).toBe(0);
    expect(await overdueAlerts(db)).toEqual([]);
    expect((await analyze(db, { asOf: '2026-11-30' })).alerts.new.customerOverdue).toBe(0);
  });

  it('leaves the same open alerts after a day, an earlier day, then the day again', async () => {
    const db = context.store.db;
    await seedStore(db, timeTravel);
    await analyze(db, { asOf: '2026-11-24', clock });
    const first = await openOverdueAlerts(db);
    expect(first).toEqual([[2, '2026-11-24']]);
    // a replay of an earlier day raises nothing: customer 1, overdue then, would stay open beside today's alerts
    expect((await analyze(db, { asOf: '2026-10-31', clock })).alerts).toMatchObject({ raised: false, new: { customerOverdue: 0, metricDrops: 0 } });
    expect(await openOverdueAlerts(db)).toEqual(first);
    // the earlier run is no previous run of the later day: nothing back-filled since it
    expect((await analyze(db, { asOf: '2026-11-24', clock })).alerts).toMatchObject({ raised: true, new: { customerOverdue: 0 }, open: { customerOverdue: 1 } });
    expect(await openOverdueAlerts(db)).toEqual(first);
  });

  it('raises alerts for an earlier day only until a later day is analysed', async () => {
    const db = context.store.db;
    await seedStore(db, timeTravel);
    // the first run of a store may be of a past day (nothing later analysed): it raises, as any run of the latest day
    expect((await analyze(db, { asOf: '2026-10-31', clock })).alerts).toMatchObject({ raised: true, new: { customerOverdue: 1 } });
    expect((await analyze(db, { asOf: '2026-11-19', clock })).alerts).toMatchObject({ raised: true, new: { customerOverdue: 1 } });
    expect((await analyze(db, { asOf: '2026-11-12', clock })).alerts.raised).toBe(false);
    expect(await openOverdueAlerts(db)).toEqual([[1, '2026-10-28'], [4, '2026-11-11']]);
  });

  it('closes an overdue alert once the customer has bought again by the as-of day, saying why', async () => {
    const db = context.store.db;
    await seedStore(db, timeTravel);
    await analyze(db, { asOf: '2026-10-31', clock });
    // by 2026-11-19 customer 1 has not bought again yet
    await analyze(db, { asOf: '2026-11-19', clock });
    expect(await openOverdueAlerts(db)).toEqual([[1, '2026-10-28'], [4, '2026-11-11']]);
    await analyze(db, { asOf: '2026-11-21', clock });
    expect(await openOverdueAlerts(db)).toEqual([[4, '2026-11-11']]);
    const closed = await sql<{ acknowledged_by: string; closed: unknown }>`
      select acknowledged_by, explanation -> 'closed' as closed from alert where kind = 'customer_overdue' and customer_id = 1`.execute(db);
    expect(closed.rows).toEqual([{ acknowledged_by: 'system', closed: { reason: 'bought_again', day: '2026-11-20' } }]);
  });

  it('raises no alerts from a policy change as of a day before the latest analysed, as analyze does not', async () => {
    const db = context.store.db;
    await seedStore(db, timeTravel);
    await analyze(db, { asOf: '2026-11-24', clock });
    const before = await overdueAlerts(db);
    expect(before).toEqual([[2, '2026-11-24']]);
    // as of 2026-10-31 customer 1 is overdue since 2026-10-28, within a first run's 7 days: a look back still raises nothing
    expect((await analyze(db, { asOf: '2026-10-31', clock })).alerts.raised).toBe(false);
    expect(await overdueAlerts(db)).toEqual(before);
    expect((await setTypePolicy(db, { atRisk: { overdueFactor: 2 } }, { asOf: '2026-10-31', clock })).asOf).toBe('2026-10-31');
    expect(await overdueAlerts(db)).toEqual(before);
    // nor is the look back a previous run: the latest day analysed again back-fills nothing
    expect((await analyze(db, { asOf: '2026-11-24', clock })).alerts.new.customerOverdue).toBe(0);
    expect(await overdueAlerts(db)).toEqual(before);
  });

  it('keeps one open alert per lapse when a changed policy moves its overdue day, updated in place', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    // a first run: customers 1 and 2 overdue since 2026-11-11 and 2026-11-15 (more than 14 days after their last purchase)
    expect((await analyze(db, { asOf: '2026-11-16', clock })).alerts.new.customerOverdue).toBe(2);
    const raised = await sql<{ alert_id: number }>`select alert_id from alert where kind = 'customer_overdue' order by customer_id`.execute(db);
    // more than 21 days: by 2026-11-16 neither is overdue any more; by 2026-11-24 both are again, from 2026-11-18 and 2026-11-22
    await setTypePolicy(db, { atRisk: { overdueFactor: 3 } }, { clock });
    expect((await analyze(db, { asOf: '2026-11-24', clock })).alerts).toMatchObject({ new: { customerOverdue: 0 }, open: { customerOverdue: 2 } });
    const alerts = await sql<{ alert_id: number; day: string; overdue_day: string; first_overdue_day: string; last_purchase_day: string }>`
      select alert_id, to_char(window_start, 'YYYY-MM-DD') as day, explanation ->> 'overdueDay' as overdue_day,
        explanation ->> 'firstOverdueDay' as first_overdue_day, explanation ->> 'lastPurchaseDay' as last_purchase_day
      from alert where kind = 'customer_overdue' order by customer_id`.execute(db);
    expect(alerts.rows).toEqual([
      { alert_id: raised.rows[0].alert_id, day: '2026-11-18', overdue_day: '2026-11-18', first_overdue_day: '2026-11-11', last_purchase_day: '2026-10-27' },
      { alert_id: raised.rows[1].alert_id, day: '2026-11-22', overdue_day: '2026-11-22', first_overdue_day: '2026-11-15', last_purchase_day: '2026-10-31' },
    ]);
  });

  it('closes the earlier of two open alerts for one lapse, saying which one replaced it', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    await analyze(db, { asOf: '2026-11-16', clock });
    // as a store analysed before one alert per lapse held has it: a second alert for customer 2's lapse, its overdue day moved
    await sql`insert into alert (kind, metric, scope, granularity, customer_id, window_start, window_end, expected, actual, change_pct, explanation)
      select kind, metric, scope, granularity, customer_id, '2026-11-16', '2026-11-16', expected, actual, change_pct, explanation from alert where customer_id = 2`.execute(db);
    await analyze(db, { asOf: '2026-11-17', clock });
    const alerts = await sql<{ alert_id: number; day: string; acknowledged_by: string | null; closed: { reason: string; alertId: number } | null }>`
      select alert_id, to_char(window_start, 'YYYY-MM-DD') as day, acknowledged_by, explanation -> 'closed' as closed
      from alert where customer_id = 2 order by alert_id`.execute(db);
    const [first, second] = alerts.rows;
    expect(first).toMatchObject({ day: '2026-11-15', acknowledged_by: 'system', closed: { reason: 'superseded', alertId: Number(second.alert_id) } });
    // the later one stays open, the lapse's one open alert (its day stays: the closed one holds the lapse's overdue day)
    expect(second).toMatchObject({ day: '2026-11-16', acknowledged_by: null, closed: null });
    expect((await analyze(db, { asOf: '2026-11-17', clock })).alerts.open.customerOverdue).toBe(2);
  });

  it('counts no alert dated after the as-of day into an earlier analysis', async () => {
    const db = context.store.db;
    await seedStore(db, timeTravel);
    expect((await analyze(db, { asOf: '2026-10-31', clock })).alerts.open.customerOverdue).toBe(1);
    // customers 2 and 4 overdue since; customer 1 has bought again, which closes theirs
    expect((await analyze(db, { asOf: '2026-11-24', clock })).alerts.open.customerOverdue).toBe(2);
    // the alerts of customers 2 and 4, dated 2026-11-24 and 2026-11-11, did not exist as of 2026-10-31
    expect((await analyze(db, { asOf: '2026-10-31', clock })).alerts.open).toEqual({ metricDrops: 0, customerOverdue: 0 });
  });
});
