import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';
import { analyze, getTypePolicy, reportCohorts, reportLifecycle, setTypePolicy } from './index.js';

const orders: SeedStore['orders'] = [
  { customerId: 1, day: '2026-09-10', amountMinor: 10_000 },
  { customerId: 1, day: '2026-10-10', amountMinor: 10_000 },
  { customerId: 2, day: '2026-10-05', amountMinor: 20_000 },
  { customerId: 3, day: '2026-11-20', amountMinor: 30_000 },
];

const refusal = { code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' } };

describe('an as-of day after the store\'s today', () => {
  // 02:27 on 4 December in Jakarta, still 3 December in UTC
  const jakartaClock = fixedClock('2026-12-03T19:27:00Z');
  // 18:00 on 3 December in Pago Pago (−11), already 4 December in UTC
  const pagoPagoClock = fixedClock('2026-12-04T05:00:00Z');

  describeEachStore('is refused by the cohort and lifecycle reports', (context) => {
    const db = () => context.store.db;
    let app: FastifyInstance;
    let analyst: TestSession;
    const get = (url: string, query: Record<string, string>) => app.inject({ method: 'GET', url, query, headers: analyst.readHeaders });

    beforeAll(async () => {
      await seedStore(db(), { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders });
      app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: jakartaClock });
      analyst = await signInAs(context.store, 'analyst');
    });
    afterAll(async () => app?.close());

    it("takes the store's today, a day UTC has not reached, and refuses the day after, as analyze does", async () => {
      const today = await reportCohorts(db(), { asOf: '2026-12-04', clock: jakartaClock });
      expect(today.asOf).toBe('2026-12-04');
      expect(today.cohorts.map((cohort) => cohort.cohort)).toEqual(['2026-09', '2026-10', '2026-11']);
      expect((await reportLifecycle(db(), { asOf: '2026-12-04', clock: jakartaClock })).asOf).toBe('2026-12-04');
      await expect(reportCohorts(db(), { asOf: '2026-12-05', clock: jakartaClock })).rejects.toMatchObject(refusal);
      await expect(reportLifecycle(db(), { asOf: '2026-12-05', clock: jakartaClock })).rejects.toMatchObject(refusal);
      await expect(analyze(db(), { asOf: '2026-12-05', clock: jakartaClock })).rejects.toMatchObject(refusal);
      await expect(reportCohorts(db(), { asOf: '2027-06-30', clock: jakartaClock })).rejects.toThrow(
        "The as-of day 2027-06-30 is after today (2026-12-04 in the store's time zone). Report as of today or an earlier day: the days after today have not happened yet.",
      );
    });

    it('judges an instant by its day in the store\'s time zone', async () => {
      // 23:59 and midnight on 4 December in Jakarta
      expect((await reportCohorts(db(), { asOf: '2026-12-04T16:59:00Z', clock: jakartaClock })).asOf).toBe('2026-12-04');
      await expect(reportCohorts(db(), { asOf: '2026-12-04T17:00:00Z', clock: jakartaClock })).rejects.toMatchObject(refusal);
      await expect(reportLifecycle(db(), { asOf: new Date('2026-12-04T17:00:00Z'), clock: jakartaClock })).rejects.toMatchObject(refusal);
    });

    it('answers 400 over the API, naming asOf, for both reports; today and the default still answer', async () => {
      for (const url of ['/api/reports/cohorts', '/api/reports/lifecycle']) {
        for (const asOf of ['2030-01-01', '2026-12-05']) {
          const refused = await get(url, { asOf });
          expect(refused.statusCode, `${url} ${asOf}`).toBe(400);
          expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', message: expect.stringContaining(`The as-of day ${asOf} is after today (2026-12-04`) });
        }
        expect((await get(url, { asOf: '2026-12-04' })).statusCode).toBe(200);
        expect((await get(url, {})).json().asOf).toBe('2026-12-04');
      }
    });

    it('refuses a revenue range and a type migration that end after today, over the API', async () => {
      // `to` is exclusive: to 5 December ends with today
      expect((await get('/api/reports/revenue', { granularity: 'month', from: '2026-09-01', to: '2026-12-05' })).statusCode).toBe(200);
      const revenue = await get('/api/reports/revenue', { granularity: 'month', from: '2026-09-01', to: '2026-12-06' });
      expect(revenue.statusCode).toBe(400);
      expect(revenue.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', message: expect.stringContaining("The range's last day 2026-12-05 is after today (2026-12-04") });
      expect((await get('/api/reports/type-migration', { from: '2026-11-01', to: '2026-12-04' })).statusCode).toBe(200);
      const migration = await get('/api/reports/type-migration', { from: '2026-11-01', to: '2026-12-05' });
      expect(migration.statusCode).toBe(400);
      expect(migration.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', message: expect.stringContaining('The day "to" 2026-12-05 is after today') });
    });

    it('refuses a policy change reclassifying as of a day to come, and keeps the policy', async () => {
      await analyze(db(), { asOf: '2026-12-04', clock: jakartaClock });
      await expect(setTypePolicy(db(), { newWithinDays: 45 }, { asOf: '2026-12-05', clock: jakartaClock })).rejects.toMatchObject(refusal);
      expect((await getTypePolicy(db())).newWithinDays).toBe(30);
      expect((await setTypePolicy(db(), { newWithinDays: 45 }, { asOf: '2026-12-04', clock: jakartaClock })).asOf).toBe('2026-12-04');
    });

    it('judges a store west of UTC by its own today, which UTC has left', async () => {
      await seedStore(db(), { timezone: 'Pacific/Pago_Pago', customerIds: [1, 2, 3], orders });
      const clock = pagoPagoClock;
      expect((await reportCohorts(db(), { asOf: '2026-12-03', clock })).asOf).toBe('2026-12-03');
      await expect(reportCohorts(db(), { asOf: '2026-12-04', clock })).rejects.toMatchObject(refusal);
      await expect(reportLifecycle(db(), { asOf: '2026-12-04', clock })).rejects.toMatchObject(refusal);
    });
  });

  describeEachStore("is judged on a data set's store by the data set's end, as analyze judges it", (context) => {
    const db = () => context.store.db;
    let app: FastifyInstance;
    let analyst: TestSession;

    beforeAll(async () => {
      await seedStore(db(), { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders: orders.map((order) => ({ ...order, day: order.day.replace('2026', '2024') })) });
      await updateStoreSettings(db(), { data_as_of: '2024-12-01T23:59:59.999+07:00' });
      app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: jakartaClock });
      analyst = await signInAs(context.store, 'analyst');
    });
    afterAll(async () => app?.close());

    it('reports as of the data set\'s end by default, and refuses a later day, though it has passed (report-default-as-of.test.ts)', async () => {
      for (const url of ['/api/reports/cohorts', '/api/reports/lifecycle']) {
        expect((await app.inject({ method: 'GET', url, headers: analyst.readHeaders })).json().asOf).toBe('2024-12-01');
        for (const asOf of ['2026-12-04', '2026-12-05']) {
          const refused = await app.inject({ method: 'GET', url, query: { asOf }, headers: analyst.readHeaders });
          expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE' });
        }
      }
      await expect(analyze(db(), { asOf: '2026-12-05', clock: jakartaClock })).rejects.toMatchObject(refusal);
    });
  });
});
