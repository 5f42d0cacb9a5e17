import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { storeCdnowPurchaseDays } from '../../test/fixtures/models/store-cdnow.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';
import { fitModels, predictCustomers } from './models.service.js';

// the clock is 28 years past the data: a bound by the clock's today would accept any day up to it
const clock = fixedClock('2026-12-04T12:00:00Z');
const dataSetEnd = '1998-06-30';

/**
 * In a data set's store no purchase after its end is known: fitted or predicted as of a later day,
 * the years past it would read as every customer's silence (P(alive) near 0, everyone lapsed).
 */
describeEachStore('fitting and predicting in a data set\'s store (CDNOW, ending 1998-06-30)', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: marketer.headers });

  beforeAll(async () => {
    const { db } = context.store;
    await storeCdnowPurchaseDays(db);
    // as `demo load cdnow` leaves it: the end of the data set's last day in its time zone
    await updateStoreSettings(db, { timezone: 'America/New_York', data_as_of: '1998-06-30T23:59:59.999-04:00' });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    marketer = await signInAs(context.store, 'marketer');
  }, 240_000);
  afterAll(async () => app?.close());

  it('refuses a calibration end after the data set\'s end, naming that end, by the service and over the API, and stores no fit', async () => {
    await expect(fitModels(context.store.db, { calibrationEnd: '2026-01-01', unit: 'week', model: 'bgnbd', clock })).rejects.toMatchObject({
      code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'calibrationEnd' },
      message: "The calibration end 2026-01-01 is after the data set's end (1998-06-30). No purchase after it is known: end the calibration on that day or earlier.",
    });
    const refused = await post('/api/models/fit', { calibrationEnd: '1998-07-01', model: 'bgnbd' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', field: 'calibrationEnd', message: expect.stringContaining("after the data set's end (1998-06-30)") });
    await expect(context.store.db.selectFrom('model_fit').select('model_fit_id').execute()).resolves.toEqual([]);
  });

  it('refuses predictions as of a day after the data set\'s end, by the service and over the API, and stores none', async () => {
    await expect(predictCustomers(context.store.db, { asOf: '2026-01-01', horizonDays: 365, discountRate: 0.01, clock })).rejects.toMatchObject({
      code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' },
      message: "The as-of day 2026-01-01 is after the data set's end (1998-06-30). No purchase after it is known: predict as of that day or an earlier one.",
    });
    const refused = await post('/api/models/predict', { asOf: '1998-07-01' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', field: 'asOf' });
    await expect(context.store.db.selectFrom('customer_prediction').select('customer_id').execute()).resolves.toEqual([]);
  });

  it('fits and predicts as of the data set\'s end when no day is given', async () => {
    const fitted = await post('/api/models/fit', { model: 'bgnbd' });
    expect(fitted.statusCode).toBe(200);
    const fits = await context.store.db.selectFrom('model_fit').select(sql<string>`calibration_end::text`.as('day')).execute();
    expect(fits).toEqual([{ day: dataSetEnd }]);
    const predicted = await post('/api/models/predict', {});
    expect(predicted.statusCode).toBe(200);
    const asOf = await context.store.db.selectFrom('customer_prediction').select(sql<string>`as_of::text`.as('day')).distinct().execute();
    expect(asOf).toEqual([{ day: dataSetEnd }]);
    // as of the data's own end, customers are still judged by their purchases: not all as gone
    const alive = await context.store.db.selectFrom('customer_prediction').select(sql<number>`count(*)::int`.as('n')).where('p_alive', '>', 0.5).executeTakeFirstOrThrow();
    expect(alive.n).toBeGreaterThan(100);
  });
});
