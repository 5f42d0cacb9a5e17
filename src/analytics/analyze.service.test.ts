import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { addDays, fixedClock } from '../core/clock.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { alertsAsOf, alertsFixture, cohortFixture } from '../../test/fixtures/analytics/alerts-fixture.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { acknowledgeAlert, analyze, listAlerts, reportCohorts, reportLifecycle, reportRfm, reportTypes } from './index.js';
import { scoreRfm } from './rfm.js';

describeEachStore('analyze', (context) => {
  it('refuses an as-of day after today, before it changes anything', async () => {
    const db = context.store.db;
    const runsBefore = (await sql<{ runs: number }>`select count(*)::int as runs from analysis_run`.execute(db)).rows[0].runs;
    await expect(analyze(db, { asOf: '2026-12-03', clock: fixedClock('2026-12-02T08:00:00Z') })).rejects.toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' } });
    expect((await sql<{ runs: number }>`select count(*)::int as runs from analysis_run`.execute(db)).rows[0].runs).toBe(runsBefore);
  });

  it('catches a 40% weekly revenue drop in the web channel and attributes it to web', async () => {
    await seedStore(context.store.db, alertsFixture(0.4));
    const result = await analyze(context.store.db, { asOf: alertsAsOf });
    expect(result.alerts.new.metricDrops).toBeGreaterThan(0);
    expect(result.alerts.open.metricDrops).toBe(result.alerts.new.metricDrops);
    // the same day again refreshes those alerts' figures: nothing new, all still open
    const rerun = await analyze(context.store.db, { asOf: alertsAsOf });
    expect(rerun.alerts).toMatchObject({ new: { metricDrops: 0 }, open: { metricDrops: result.alerts.new.metricDrops } });
    const { alerts } = await listAlerts(context.store.db, { kind: 'metric_drop' });
    const weeklyRevenue = alerts.filter((alert) => alert.metric === 'revenue' && alert.granularity === 'week');
    expect(weeklyRevenue.map((alert) => alert.scope).sort()).toEqual(['all', 'channel:web']);
    const web = weeklyRevenue.find((alert) => alert.scope === 'channel:web')!;
    expect(web.changePct).toBeCloseTo(-40, -1);
    expect([web.windowStart, web.windowEnd]).toEqual(['2026-06-22', '2026-06-28']);
    const whole = weeklyRevenue.find((alert) => alert.scope === 'all')!;
    const explanation = whole.explanation as { summary: string; explainedBy: Array<{ dimension: string; segment: string; share: number }> };
    expect(explanation.explainedBy[0]).toMatchObject({ dimension: 'channel', segment: 'web' });
    expect(explanation.summary).toMatch(/^Store-wide: revenue in the week 2026-06-22 – 2026-06-28 was Rp.*mostly channel web/);
    expect(alerts.some((alert) => alert.scope === 'channel:store')).toBe(false);

    await acknowledgeAlert(context.store.db, whole.alertId, 'owner@example.com');
    const open = await listAlerts(context.store.db, { kind: 'metric_drop' });
    expect(open.alerts.some((alert) => alert.alertId === whole.alertId)).toBe(false);
    expect((await analyze(context.store.db, { asOf: alertsAsOf })).alerts.open.metricDrops).toBe(result.alerts.new.metricDrops - 1);
    await expect(acknowledgeAlert(context.store.db, 999_999, 'x')).rejects.toThrow(/does not exist/);
  });

  it('raises nothing on a usual Sunday low or an ordinary week', async () => {
    await seedStore(context.store.db, alertsFixture(0));
    const result = await analyze(context.store.db, { asOf: alertsAsOf });
    expect(result.alerts.new.metricDrops).toBe(0);
    const rerun = await analyze(context.store.db, { asOf: '2026-06-27' });
    expect(rerun.alerts.new.metricDrops).toBe(0);
  });

  it('judges only complete days: a day still under way is not a drop', async () => {
    const fixture = alertsFixture(0);
    // The as-of day has only begun: a tenth of its orders so far.
    const today = fixture.orders.filter((order) => order.day === alertsAsOf);
    await seedStore(context.store.db, { ...fixture, orders: [...fixture.orders.filter((order) => order.day !== alertsAsOf), ...today.slice(0, Math.ceil(today.length / 10))] });
    const morning = await analyze(context.store.db, { asOf: alertsAsOf, clock: fixedClock('2026-06-28T00:30:00Z') });
    expect(morning.alerts.new.metricDrops).toBe(0);
    const afterTheDay = await analyze(context.store.db, { asOf: alertsAsOf, clock: fixedClock('2026-07-05T00:00:00Z') });
    expect(afterTheDay.alerts.new.metricDrops).toBeGreaterThan(0);
  });

  it('scores RFM in SQL exactly as the reference, tied customers sharing a score', async () => {
    await seedStore(context.store.db, typesFixture);
    const expectReferenceScores = async () => {
      const rows = await sql<{ customer_id: number; recency_days: number; frequency: number; monetary_minor: number; r_score: number; f_score: number; m_score: number; segment: string }>`
        select * from customer_rfm order by customer_id`.execute(context.store.db);
      const inputs = rows.rows.map((row) => ({ customerId: Number(row.customer_id), recencyDays: row.recency_days, frequency: row.frequency, monetaryMinor: Number(row.monetary_minor) }));
      const expected = scoreRfm(inputs).map((score) => [score.customerId, score.r, score.f, score.m, score.segment]);
      expect(rows.rows.map((row) => [Number(row.customer_id), row.r_score, row.f_score, row.m_score, row.segment])).toEqual(expected);
    };
    // the first run loads the scores in bulk, later runs compare with what is stored
    await analyze(context.store.db, { asOf: typesAsOf });
    await expectReferenceScores();
    const report = await reportRfm(context.store.db);
    expect(report.customers).toBe(9);
    const types = await reportTypes(context.store.db);
    expect(types.types.find((entry) => entry.type === 'new')?.customers).toBe(3);
    // only orders up to the as-of day count: a month earlier customer 1 did not exist yet as a buyer
    await analyze(context.store.db, { asOf: '2026-05-31' });
    expect((await reportRfm(context.store.db)).customers).toBe(6);
    await expectReferenceScores();
  });

  it('scores tie-heavy RFM in SQL exactly as the reference: identical customers share every score', async () => {
    // 120 customers over 4 purchase days and 3 amounts: most values are shared by dozens
    const days = ['2026-03-02', '2026-04-06', '2026-05-04', '2026-06-01'];
    const orders = Array.from({ length: 120 }, (_, index) => index + 1).flatMap((customerId) =>
      days.slice(0, 1 + (customerId % 3)).map((day, k) => ({ customerId, day: days[(customerId + k) % 4], amountMinor: [10_000, 25_000, 50_000][customerId % 3] })));
    await seedStore(context.store.db, { customerIds: Array.from({ length: 120 }, (_, index) => index + 1), orders });
    await analyze(context.store.db, { asOf: typesAsOf });
    const rows = (await sql<{ customer_id: number; recency_days: number; frequency: number; monetary_minor: number; r_score: number; f_score: number; m_score: number; segment: string }>`
      select * from customer_rfm order by customer_id`.execute(context.store.db)).rows;
    const inputs = rows.map((row) => ({ customerId: Number(row.customer_id), recencyDays: row.recency_days, frequency: row.frequency, monetaryMinor: Number(row.monetary_minor) }));
    expect(rows.map((row) => [Number(row.customer_id), row.r_score, row.f_score, row.m_score, row.segment]))
      .toEqual(scoreRfm(inputs).map((score) => [score.customerId, score.r, score.f, score.m, score.segment]));
    const signature = (row: (typeof rows)[number]) => `${row.recency_days}/${row.frequency}/${row.monetary_minor}`;
    const scoresBySignature = new Map<string, Set<string>>();
    for (const row of rows) scoresBySignature.set(signature(row), (scoresBySignature.get(signature(row)) ?? new Set()).add(`${row.r_score}${row.f_score}${row.m_score}`));
    expect(scoresBySignature.size).toBeLessThan(20);
    expect([...scoresBySignature.values()].every((scores) => scores.size === 1)).toBe(true);
  });

  it('scores one-time buyers F = 1 however many they are, so old ones are Lost, and a tie at the top still scores 5', async () => {
    // 20 customers, 11 of them (55%) one-time buyers, as on CDNOW; the 9 repeat buyers all last bought on 2026-06-29
    const once = ['2025-01-10', '2025-01-10', '2025-01-10', '2025-01-10', '2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-05-05', '2026-06-05', '2026-06-10'];
    const repeatDays = (customerId: number) => ['2026-05-01', '2026-06-29', ...(customerId >= 16 ? ['2026-06-01'] : []), ...(customerId >= 19 ? ['2026-04-01'] : [])];
    const orders = [
      ...once.map((day, index) => ({ customerId: index + 1, day, amountMinor: 10_000 })),
      ...Array.from({ length: 9 }, (_, index) => index + 12).flatMap((customerId) => repeatDays(customerId).map((day) => ({ customerId, day, amountMinor: 10_000 }))),
    ];
    await seedStore(context.store.db, { customerIds: Array.from({ length: 20 }, (_, index) => index + 1), orders });
    await analyze(context.store.db, { asOf: typesAsOf });
    const rows = (await sql<{ customer_id: number; r_score: number; f_score: number; m_score: number; segment: string }>`
      select customer_id, r_score, f_score, m_score, segment from customer_rfm order by customer_id`.execute(context.store.db)).rows;
    // F: the 11 one-time buyers begin at the bottom → 1; two days begin at 11 of 20 → 3; three at 15 → 4; four, the most → 5
    expect(rows.map((row) => row.f_score)).toEqual([...Array(11).fill(1), 3, 3, 3, 3, 4, 4, 4, 5, 5]);
    expect(rows.map((row) => row.m_score)).toEqual(rows.map((row) => row.f_score));
    // R: the four who bought once in January 2025 are the oldest → 1; the nine tied on the last day begin at 11 of 20 but are the most recent → 5
    expect(rows.map((row) => row.r_score)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, ...Array(9).fill(5)]);
    expect(rows.slice(0, 4).map((row) => row.segment)).toEqual(Array(4).fill('Lost'));
    expect(rows.slice(8, 11).map((row) => row.segment)).toEqual(Array(3).fill('About to sleep'));
    expect(rows.slice(11).map((row) => row.segment)).toEqual([...Array(4).fill('Potential loyalists'), ...Array(5).fill('Champions')]);
  });

  it('leaves RFM rows alone on a day without purchases while the days since move with the run', async () => {
    await seedStore(context.store.db, typesFixture);
    // the fixture's last purchase is the day after typesAsOf; nothing is bought after it
    await analyze(context.store.db, { asOf: addDays(typesAsOf, 1) });
    const read = async () => (await sql<{ customer_id: number; recency_days: number; version: string }>`
      select r.customer_id, r.recency_days, s.xmin::text as version from customer_rfm r join customer_rfm_score s using (customer_id)
      order by r.customer_id`.execute(context.store.db)).rows;
    const before = await read();
    const reportBefore = await reportRfm(context.store.db);
    const nextDay = await analyze(context.store.db, { asOf: addDays(typesAsOf, 2) });
    expect(nextDay.rfmScored).toBe(before.length);
    const after = await read();
    expect(after.map((row) => [row.customer_id, row.version])).toEqual(before.map((row) => [row.customer_id, row.version]));
    expect(after.map((row) => row.recency_days)).toEqual(before.map((row) => row.recency_days + 1));
    const reportAfter = await reportRfm(context.store.db);
    expect(Date.parse(reportAfter.asOf!) - Date.parse(reportBefore.asOf!)).toBe(86_400_000);
  });

  it('builds the cohort triangle and the lifecycle funnel', async () => {
    await seedStore(context.store.db, cohortFixture);
    const { cohorts } = await reportCohorts(context.store.db, { asOf: '2026-03-31' });
    expect(cohorts).toEqual([
      {
        cohort: '2026-01', customers: 2, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 26,
        // neither is 90 days past its month's end by 31 March: too young to judge within the horizon
        repeatRateWithinHorizon: null, medianDaysToSecondPurchaseWithinHorizon: null,
        months: [
          { monthIndex: 0, activeCustomers: 2, retentionRate: 1, revenuePerCustomerMinor: 150_000, isPartial: false },
          { monthIndex: 1, activeCustomers: 1, retentionRate: 0.5, revenuePerCustomerMinor: 25_000, isPartial: false },
          { monthIndex: 2, activeCustomers: 1, retentionRate: 0.5, revenuePerCustomerMinor: 15_000, isPartial: false },
        ],
      },
      {
        cohort: '2026-02', customers: 1, repeatPurchaseRate: 1, medianDaysToSecondPurchase: 6, repeatRateWithinHorizon: null, medianDaysToSecondPurchaseWithinHorizon: null,
        months: [
          { monthIndex: 0, activeCustomers: 1, retentionRate: 1, revenuePerCustomerMinor: 100_000, isPartial: false },
          { monthIndex: 1, activeCustomers: 0, retentionRate: 0, revenuePerCustomerMinor: 0, isPartial: false },
        ],
      },
    ]);
    // mid-month, the as-of month is marked as a month still under way
    const midMonth = await reportCohorts(context.store.db, { asOf: '2026-03-15' });
    expect(midMonth.cohorts.map((cohort) => cohort.months.map((month) => month.isPartial))).toEqual([[false, false, true], [false, true]]);
    const lifecycle = await reportLifecycle(context.store.db, { asOf: '2026-03-31' });
    expect(lifecycle.overall?.stages.map((stage) => [stage.stage, stage.customers, stage.conversionFromPrevious])).toEqual([
      ['acquisition', 3, null], ['activation', 3, 1], ['retention', 2, 0.666667], ['advocacy', 0, null],
    ]);
    const web = lifecycle.byChannel.find((funnel) => funnel.segment === 'web')!;
    expect(web.medianDaysToActivation).toBe(13);
    expect(lifecycle.byCohort.map((funnel) => funnel.segment)).toEqual(['2026-01', '2026-02']);
  });
});
