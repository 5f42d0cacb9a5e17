import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';
import { analyze, reportCohorts, reportLifecycle, reportTypes } from './index.js';

const orders: SeedStore['orders'] = [
  { customerId: 1, day: '2024-09-10', amountMinor: 10_000 },
  { customerId: 1, day: '2024-10-10', amountMinor: 10_000 },
  { customerId: 2, day: '2024-10-05', amountMinor: 20_000 },
  { customerId: 3, day: '2024-11-20', amountMinor: 30_000 },
];
// long after the data set's end, as a data set is read today
const clock = fixedClock('2026-12-03T05:00:00Z');

describe('the day the reports stand on when none is asked for', () => {
  describeEachStore("a data set's store", (context) => {
    const db = () => context.store.db;
    let app: FastifyInstance;
    let analyst: TestSession;
    const get = (url: string, query: Record<string, string> = {}) => app.inject({ method: 'GET', url, query, headers: analyst.readHeaders });

    beforeAll(async () => {
      await seedStore(db(), { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders });
      await updateStoreSettings(db(), { data_as_of: '2024-12-01T23:59:59.999+07:00' });
      app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
      analyst = await signInAs(context.store, 'analyst');
    });
    afterAll(async () => app?.close());

    it("is the data set's end before any analysis", async () => {
      expect((await reportCohorts(db(), { clock })).asOf).toBe('2024-12-01');
      expect((await reportLifecycle(db(), { clock })).asOf).toBe('2024-12-01');
    });

    it("is the latest analysis's day after analyze --as-of a past day, as the types report's, over the API too", async () => {
      await analyze(db(), { asOf: '2024-10-31', clock });
      expect((await reportTypes(db())).asOfDay).toBe('2024-10-31');
      const cohorts = await reportCohorts(db(), { clock });
      expect(cohorts.asOf).toBe('2024-10-31');
      // the November cohort had not started on 31 October
      expect(cohorts.cohorts.map((cohort) => cohort.cohort)).toEqual(['2024-09', '2024-10']);
      expect((await reportLifecycle(db(), { clock })).asOf).toBe('2024-10-31');
      for (const url of ['/api/reports/cohorts', '/api/reports/lifecycle']) {
        expect((await get(url)).json().asOf, url).toBe('2024-10-31');
        expect((await get(url, { asOf: '2024-11-30' })).json().asOf, url).toBe('2024-11-30');
      }
      await analyze(db(), { asOf: '2024-12-01', clock });
      expect((await get('/api/reports/cohorts')).json().asOf).toBe('2024-12-01');
    });

    it("refuses a day after the data set's end, as analyze does, for both reports and over the API", async () => {
      const message = "The as-of day 2024-12-02 is after the data set's end (2024-12-01). No purchase after it is known: report as of that day or an earlier one.";
      const refusal = { code: 'ANALYTICS_AS_OF_IN_FUTURE', message, details: { field: 'asOf' } };
      await expect(reportCohorts(db(), { asOf: '2024-12-02', clock })).rejects.toMatchObject(refusal);
      await expect(reportLifecycle(db(), { asOf: '2024-12-02', clock })).rejects.toMatchObject(refusal);
      await expect(analyze(db(), { asOf: '2024-12-02', clock })).rejects.toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE' });
      for (const url of ['/api/reports/cohorts', '/api/reports/lifecycle']) {
        const refused = await get(url, { asOf: '2024-12-02' });
        expect(refused.statusCode, url).toBe(400);
        expect(refused.json().error, url).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', message });
        expect((await get(url, { asOf: '2024-12-01' })).statusCode, url).toBe(200);
      }
    });
  });

  describeEachStore('a live store', (context) => {
    const db = () => context.store.db;

    beforeAll(async () => {
      await seedStore(db(), { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders });
    });

    it("is today before any analysis, and the latest analysis's day after one", async () => {
      // 12:00 on 3 December 2026 in Jakarta
      expect((await reportCohorts(db(), { clock })).asOf).toBe('2026-12-03');
      await analyze(db(), { asOf: '2026-11-30', clock });
      expect((await reportCohorts(db(), { clock })).asOf).toBe('2026-11-30');
      expect((await reportLifecycle(db(), { clock })).asOf).toBe('2026-11-30');
    });
  });
});
