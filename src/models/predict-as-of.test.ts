import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { predictCustomers } from './models.service.js';

const refusal = { code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' } };
// 02:27 on 4 December in Jakarta, still 3 December in UTC
const jakartaClock = fixedClock('2026-12-03T19:27:00Z');

/** Predictions as of a day after the store's today are refused, as analyses and reports refuse it. */
describeEachStore('predicting as of a day to come', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;

  beforeAll(async () => {
    await seedStore(context.store.db, { timezone: 'Asia/Jakarta', customerIds: [1, 2], orders: [
      { customerId: 1, day: '2026-09-10', amountMinor: 10_000 }, { customerId: 1, day: '2026-10-10', amountMinor: 10_000 },
      { customerId: 2, day: '2026-10-05', amountMinor: 20_000 },
    ] });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: jakartaClock });
    marketer = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  it('refuses the day after the store\'s today, by the service and over the API, and stores nothing', async () => {
    await expect(predictCustomers(context.store.db, { asOf: '2026-12-05', horizonDays: 365, discountRate: 0.01, clock: jakartaClock }))
      .rejects.toMatchObject({ ...refusal, message: expect.stringContaining("The as-of day 2026-12-05 is after today (2026-12-04 in the store's time zone)") });
    const refused = await app.inject({ method: 'POST', url: '/api/models/predict', payload: { asOf: '2026-12-05' }, headers: marketer.headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: refusal.code, message: expect.stringContaining('The as-of day 2026-12-05 is after today') });
    const fits = await context.store.db.selectFrom('model_fit').select('model_fit_id').execute();
    expect(fits).toEqual([]);
  });
});

describeEachCliStore('clientele models predict --as-of a day to come', (context) => {
  it('exits with the refusal analyze and the reports give', async () => {
    // the CLI runs on the system clock: a day far ahead is after today wherever and whenever the test runs
    const result = await runCliInProcess(context.db, ['--json', 'models', 'predict', '--as-of', '2099-06-30']);
    expect(result.exitCode).not.toBe(0);
    expect(result.error).toMatchObject(refusal);
  });
});
