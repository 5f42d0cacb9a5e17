import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { seedStore, type SeedEvent, type SeedOrder } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { reportLifecycle, type LifecycleFunnel } from './index.js';

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A customer whose first sign of interest is a signup on `acquired` through `channel`, buying on the given days after it. */
function journey(customerId: number, channel: string, acquired: string, purchaseDaysAfter: number[]): { event: SeedEvent; orders: SeedOrder[] } {
  return {
    event: { customerId, day: acquired, channel },
    orders: purchaseDaysAfter.map((days) => ({ customerId, day: addDays(acquired, days), amountMinor: 10_000 })),
  };
}

/**
 * As of 2026-06-30 with a horizon of 30 days. Each pair of channels behaves alike counted from its own
 * acquisition day A; only the acquisition days differ (A = 10 Jan against 20 or 10 May):
 * - web (A 01-10) and mobile (A 05-20): one buys on A+5, one on A+10, one on A+45, one never. By 30 June mobile's
 *   A+45 (4 July) has not come: activation so far 3/4 against 2/4, within 30 days of A 2/4 both.
 * - email (A 01-10) and social (A 05-10): all buy on A+5; one again 20 days later, one 60 days later, one never.
 *   Social's day 60 (14 July) has not come: retention so far 2/3 against 1/3, within 30 days of the first purchase 1/3 both.
 * - ads: one customer acquired 06-20 who bought 06-22: too young to judge either step (20 June + 30 days is after the as-of day).
 */
const journeys = [
  ...[[5], [10], [45], []].map((days, index) => journey(1 + index, 'web', '2026-01-10', days)),
  ...[[5], [10], [45], []].map((days, index) => journey(11 + index, 'mobile', '2026-05-20', days)),
  ...[[5, 25], [5, 65], [5]].map((days, index) => journey(21 + index, 'email', '2026-01-10', days)),
  ...[[5, 25], [5, 65], [5]].map((days, index) => journey(31 + index, 'social', '2026-05-10', days)),
  journey(41, 'ads', '2026-06-20', [2]),
];
const fixture = {
  customerIds: journeys.map((entry) => entry.event.customerId),
  events: journeys.map((entry) => entry.event),
  orders: journeys.flatMap((entry) => entry.orders),
};

/** Per funnel: [conversion so far, conversion within the horizon, observed, converted within it, too young] for activation and retention. */
const figures = (funnel: LifecycleFunnel | null | undefined) => funnel && Object.fromEntries(funnel.stages
  .filter((stage) => stage.stage === 'activation' || stage.stage === 'retention')
  .map((stage) => [stage.stage, [stage.conversionFromPrevious, stage.withinHorizon?.conversion, stage.withinHorizon?.observedCustomers, stage.withinHorizon?.customers, stage.withinHorizon?.tooYoungCustomers]]));
const bySegment = (funnels: LifecycleFunnel[]) => Object.fromEntries(funnels.map((funnel) => [funnel.segment, figures(funnel)]));

describeEachStore('lifecycle conversion within a fixed horizon', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    await seedStore(context.store.db, fixture);
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-07-01T00:00:00Z') });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('gives two channels that behave alike the same rate within the horizon, whatever their age, and leaves out the too young', async () => {
    const report = await reportLifecycle(context.store.db, { asOf: '2026-06-30', horizonDays: 30 });
    expect(report.horizonDays).toBe(30);
    expect(bySegment(report.byChannel)).toEqual({
      ads: { activation: [1, null, 0, 0, 1], retention: [0, null, 0, 0, 1] },
      email: { activation: [1, 1, 3, 3, 0], retention: [0.666667, 0.333333, 3, 1, 0] },
      mobile: { activation: [0.5, 0.5, 4, 2, 0], retention: [0, 0, 2, 0, 0] },
      social: { activation: [1, 1, 3, 3, 0], retention: [0.333333, 0.333333, 3, 1, 0] },
      web: { activation: [0.75, 0.5, 4, 2, 0], retention: [0, 0, 3, 0, 0] },
    });
    // 15 acquired, 14 of them by 31 May: 10 activated within 30 days; 12 activated, 11 of them by 31 May: 2 repeated within 30 days
    expect(figures(report.overall)).toEqual({ activation: [0.8, 0.714286, 14, 10, 1], retention: [0.25, 0.181818, 11, 2, 1] });
    expect(bySegment(report.byCohort)).toEqual({
      '2026-01': { activation: [0.857143, 0.714286, 7, 5, 0], retention: [0.333333, 0.166667, 6, 1, 0] },
      '2026-05': { activation: [0.714286, 0.714286, 7, 5, 0], retention: [0.2, 0.2, 5, 1, 0] },
      '2026-06': { activation: [1, null, 0, 0, 1], retention: [0, null, 0, 0, 1] },
    });
  });

  it('takes the medians within the horizon from those who went on within it', async () => {
    const report = await reportLifecycle(context.store.db, { asOf: '2026-06-30', horizonDays: 30 });
    const medians = (funnel: LifecycleFunnel | undefined) => funnel && [
      funnel.medianDaysToActivation, funnel.medianDaysToActivationWithinHorizon, funnel.medianDaysToRetention, funnel.medianDaysToRetentionWithinHorizon,
    ];
    const channel = (segment: string) => report.byChannel.find((funnel) => funnel.segment === segment);
    // web so far: 5, 10 and 45 days; within 30 days 5 and 10, as mobile's
    expect(medians(channel('web'))).toEqual([10, 7.5, null, null]);
    expect(medians(channel('mobile'))).toEqual([7.5, 7.5, null, null]);
    expect(medians(channel('email'))).toEqual([5, 5, 40, 20]);
    expect(medians(channel('ads'))).toEqual([2, null, null, null]);
  });

  it('takes the horizon from the query, 90 days by default, and refuses one of no days', async () => {
    const byDefault = await app.inject({ method: 'GET', url: '/api/reports/lifecycle', query: { asOf: '2026-06-30' }, headers: analyst.readHeaders });
    expect(byDefault.statusCode, byDefault.body).toBe(200);
    expect(byDefault.json().horizonDays).toBe(90);
    // acquired by 1 April: web and email, 7; activated within 90 days 6 (web's A+45 now counts); first purchases by 1 April: 6, of whom email's 20 and 60 days repeat
    expect(figures(byDefault.json().overall)).toEqual({ activation: [0.8, 0.857143, 7, 6, 8], retention: [0.25, 0.333333, 6, 2, 6] });
    const thirty = await app.inject({ method: 'GET', url: '/api/reports/lifecycle', query: { asOf: '2026-06-30', horizonDays: '30' }, headers: analyst.readHeaders });
    expect(thirty.json()).toEqual(JSON.parse(JSON.stringify(await reportLifecycle(context.store.db, { asOf: '2026-06-30', horizonDays: 30 }))));
    const refused = await app.inject({ method: 'GET', url: '/api/reports/lifecycle', query: { horizonDays: '0' }, headers: analyst.readHeaders });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'horizonDays' });
    const anonymous = await app.inject({ method: 'GET', url: '/api/reports/lifecycle', query: { horizonDays: '30' } });
    expect(anonymous.statusCode).toBe(401);
  });
});
