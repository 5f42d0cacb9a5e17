import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { clearStore, seedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { fitModels, predictCustomers } from './models.service.js';

const clock = fixedClock('2026-12-03T05:00:00Z');
const storedRows = async (db: Kysely<Database>) =>
  (await sql<{ fits: number; predictions: number }>`select (select count(*) from model_fit)::int as fits, (select count(*) from customer_prediction)::int as predictions`.execute(db)).rows[0];

/** Fits and predictions need customers watched for some time: none before the store's first purchase day, nor on it. */
describeEachStore('fitting and predicting at or before the store\'s first purchase day', (context) => {
  beforeAll(async () => {
    await seedStore(context.store.db, { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders: [
      { customerId: 1, day: '2026-09-10', amountMinor: 10_000 }, { customerId: 2, day: '2026-09-10', amountMinor: 10_000 },
      { customerId: 1, day: '2026-10-10', amountMinor: 10_000 }, { customerId: 3, day: '2026-11-01', amountMinor: 5_000 },
    ] });
  });

  it('refuses a calibration end or as-of day before it, naming the first purchase day and the field asked', async () => {
    await expect(fitModels(context.store.db, { calibrationEnd: '2026-09-01', unit: 'week', model: 'all', clock })).rejects.toMatchObject({
      code: 'MODEL_NO_PURCHASES', details: { field: 'calibrationEnd', firstPurchaseDay: '2026-09-10' },
      message: "No purchases on or before 2026-09-01 (the calibration end): the store's first purchase day is 2026-09-10. End the calibration on a later day.",
    });
    await expect(predictCustomers(context.store.db, { asOf: '2026-09-09', horizonDays: 365, discountRate: 0.01, clock })).rejects.toMatchObject({
      code: 'MODEL_NO_PURCHASES', details: { field: 'asOf', firstPurchaseDay: '2026-09-10' },
      message: expect.stringContaining("No purchases on or before 2026-09-09 (the as-of day): the store's first purchase day is 2026-09-10. Predict as of a later day."),
    });
    expect(await storedRows(context.store.db)).toEqual({ fits: 0, predictions: 0 });
  });

  it('refuses that day itself, when every customer has just bought: a fit there calls arbitrary parameters converged', async () => {
    await expect(fitModels(context.store.db, { calibrationEnd: '2026-09-10', unit: 'week', model: 'all', clock })).rejects.toMatchObject({
      code: 'MODEL_INVALID_PERIOD', details: { field: 'calibrationEnd' }, message: expect.stringContaining("The calibration end 2026-09-10 is the store's first purchase day"),
    });
    await expect(predictCustomers(context.store.db, { asOf: '2026-09-10', horizonDays: 365, discountRate: 0.01, clock })).rejects.toMatchObject({
      code: 'MODEL_INVALID_PERIOD', details: { field: 'asOf' }, message: expect.stringContaining("The as-of day 2026-09-10 is the store's first purchase day"),
    });
    expect(await storedRows(context.store.db)).toEqual({ fits: 0, predictions: 0 });
  });

  it('fits from the day after it', async () => {
    const fitted = await fitModels(context.store.db, { calibrationEnd: '2026-09-11', unit: 'week', model: 'bgnbd', clock });
    expect(fitted.customers).toBe(2);
  });

  it('says a store without purchases has none yet', async () => {
    await clearStore(context.store.db);
    await expect(fitModels(context.store.db, { calibrationEnd: '2026-12-01', unit: 'week', model: 'all', clock })).rejects.toMatchObject({
      code: 'MODEL_NO_PURCHASES', details: { field: 'calibrationEnd' }, message: 'No purchases on or before 2026-12-01: the store has no purchases yet. Import orders first.',
    });
  });
});
