import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { reportCohorts } from './index.js';

/**
 * A triangle whose fixed-horizon figures can be checked by hand (horizon 90 days, as of 2026-06-30):
 * 2026-01, old enough (31 Jan + 90 days = 1 May): customer 1 repeats after 30 days, customer 3 on day 90
 * exactly, customer 2 after 120 days (repeats so far, not within the horizon), customer 4 never:
 * within 90 days 2 of 4 (median of 30 and 90: 60), so far 3 of 4 (median of 30, 90, 120: 90).
 * 2026-03, old enough by one day (31 Mar + 90 days = 29 Jun): customer 5 repeats after 10 days.
 * 2026-04, too young (30 Apr + 90 days = 29 Jul): customer 6 repeats after 10 days, customer 7 never.
 */
const fixture: SeedStore = {
  customerIds: [1, 2, 3, 4, 5, 6, 7],
  orders: [
    { customerId: 1, day: '2026-01-05', amountMinor: 10_000 },
    { customerId: 1, day: '2026-02-04', amountMinor: 10_000 },
    { customerId: 2, day: '2026-01-10', amountMinor: 10_000 },
    { customerId: 2, day: '2026-05-10', amountMinor: 10_000 },
    { customerId: 3, day: '2026-01-31', amountMinor: 10_000 },
    { customerId: 3, day: '2026-05-01', amountMinor: 10_000 },
    { customerId: 3, day: '2026-06-01', amountMinor: 10_000 },
    { customerId: 4, day: '2026-01-20', amountMinor: 10_000 },
    { customerId: 5, day: '2026-03-03', amountMinor: 10_000 },
    { customerId: 5, day: '2026-03-13', amountMinor: 10_000 },
    { customerId: 6, day: '2026-04-01', amountMinor: 10_000 },
    { customerId: 6, day: '2026-04-11', amountMinor: 10_000 },
    { customerId: 7, day: '2026-04-15', amountMinor: 10_000 },
  ],
};

const figures = (report: Awaited<ReturnType<typeof reportCohorts>>) => report.cohorts.map((cohort) => ({
  cohort: cohort.cohort, customers: cohort.customers,
  soFar: [cohort.repeatPurchaseRate, cohort.medianDaysToSecondPurchase],
  withinHorizon: [cohort.repeatRateWithinHorizon, cohort.medianDaysToSecondPurchaseWithinHorizon],
}));

describeEachStore('cohort repeat rate within a fixed horizon', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    await seedStore(context.store.db, fixture);
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-07-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('counts second purchases within 90 days of the first, and leaves a cohort too young to tell as null', async () => {
    const report = await reportCohorts(context.store.db, { asOf: '2026-06-30' });
    expect(report.horizonDays).toBe(90);
    expect(figures(report)).toEqual([
      { cohort: '2026-01', customers: 4, soFar: [0.75, 90], withinHorizon: [0.5, 60] },
      { cohort: '2026-03', customers: 1, soFar: [1, 10], withinHorizon: [1, 10] },
      { cohort: '2026-04', customers: 2, soFar: [0.5, 10], withinHorizon: [null, null] },
    ]);
  });

  it('waits for the last day of a cohort month plus the horizon before judging the cohort', async () => {
    const dayBefore = await reportCohorts(context.store.db, { asOf: '2026-06-28' });
    expect(figures(dayBefore).find((row) => row.cohort === '2026-03')?.withinHorizon).toEqual([null, null]);
  });

  it('takes another horizon from the query, and refuses one of no days', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/reports/cohorts', query: { asOf: '2026-06-30', horizonDays: '120' }, headers: analyst.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().horizonDays).toBe(120);
    // 31 Jan + 120 days is 31 May: 2026-01 is judged, customer 2's second purchase on day 120 now counts
    expect(response.json().cohorts.map((cohort: { repeatRateWithinHorizon: number | null }) => cohort.repeatRateWithinHorizon)).toEqual([0.75, null, null]);
    const refused = await app.inject({ method: 'GET', url: '/api/reports/cohorts', query: { horizonDays: '0' }, headers: analyst.readHeaders });
    expect(refused.statusCode).toBe(400);
  });
});
