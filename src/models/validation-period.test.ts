import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { updateStoreSettings } from '../settings/index.js';
import { validateModels } from './models.service.js';

// 02:27 on 4 December 2025 in Jakarta, still 3 December in UTC: long before the system clock, so a route that ignored the app's clock would accept these days
const jakartaClock = fixedClock('2025-12-03T19:27:00Z');
const period = (calibrationEnd: string, holdoutEnd: string) => ({ calibrationEnd, holdoutEnd, unit: 'week' as const, model: 'bgnbd' as const, clock: jakartaClock });

/** A validation's days must all have been observed, in order, and leave a holdout to judge by. */
describeEachStore('validating the models on a calibration and holdout period', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  const validate = (calibrationEnd: string, holdoutEnd: string) =>
    app.inject({ method: 'POST', url: '/api/models/validate', payload: { calibrationEnd, holdoutEnd, model: 'bgnbd' }, headers: analyst.headers });

  beforeAll(async () => {
    await seedStore(context.store.db, { timezone: 'Asia/Jakarta', customerIds: [1, 2, 3], orders: [
      { customerId: 1, day: '2025-09-10', amountMinor: 10_000 }, { customerId: 1, day: '2025-10-10', amountMinor: 10_000 },
      { customerId: 2, day: '2025-10-05', amountMinor: 20_000 }, { customerId: 3, day: '2025-11-01', amountMinor: 5_000 },
      { customerId: 1, day: '2025-11-20', amountMinor: 10_000 }, { customerId: 2, day: '2025-12-04', amountMinor: 20_000 },
    ] });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: jakartaClock });
    analyst = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  it('refuses a holdout end after the store\'s today, naming the field, the day and today, by the service and over the API', async () => {
    await expect(validateModels(context.store.db, period('2025-10-31', '2025-12-05'))).rejects.toMatchObject({
      code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'holdoutEnd' },
      message: expect.stringContaining("The holdout end 2025-12-05 is after today (2025-12-04 in the store's time zone)"),
    });
    const refused = await validate('2025-10-31', '2025-12-05');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', field: 'holdoutEnd', message: expect.stringContaining('The holdout end 2025-12-05 is after today (2025-12-04') });
  });

  it('refuses a calibration end after the store\'s today as the calibration end', async () => {
    const refused = await validate('2025-12-10', '2026-03-31');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', field: 'calibrationEnd', message: expect.stringContaining('The calibration end 2025-12-10 is after today (2025-12-04') });
  });

  it('validates up to the store\'s today, already the 4th in Jakarta while UTC is on the 3rd, counting that day\'s purchase', async () => {
    const validated = await validate('2025-10-31', '2025-12-04');
    expect(validated.statusCode).toBe(200);
    expect(validated.json().models[0].holdout).toMatchObject({ customers: 2, totalActual: 2 });
  });

  it('refuses a holdout end past a data set\'s end, the store\'s today there, though the clock has passed it', async () => {
    await updateStoreSettings(context.store.db, { data_as_of: '2025-11-25T23:59:59.999+07:00' });
    try {
      const refused = await validate('2025-10-31', '2025-12-04');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'ANALYTICS_AS_OF_IN_FUTURE', field: 'holdoutEnd',
        message: "The holdout end 2025-12-04 is after the data set's end (2025-11-25). No purchase after it is known: end it on that day or earlier.",
      });
      expect((await validate('2025-10-31', '2025-11-25')).statusCode).toBe(200);
    } finally {
      await updateStoreSettings(context.store.db, { data_as_of: null });
    }
  });

  it('refuses a holdout end on or before the calibration end, naming both days', async () => {
    for (const holdoutEnd of ['2025-10-31', '2025-10-01']) {
      const refused = await validate('2025-10-31', holdoutEnd);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'MODEL_INVALID_PERIOD', field: 'holdoutEnd', message: expect.stringContaining(`The holdout end ${holdoutEnd} is not after the calibration end 2025-10-31`) });
    }
  });

  it('refuses a holdout shorter than a week, saying which days would do', async () => {
    const refused = await validate('2025-11-18', '2025-11-21');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'MODEL_INVALID_PERIOD', field: 'holdoutEnd',
      message: expect.stringContaining('The holdout from 2025-11-19 to 2025-11-21 is 3 days, too short to judge the predictions by: at least 7 are needed. End the holdout on 2025-11-25 or later, or the calibration on 2025-11-14 or earlier.'),
    });
    expect((await validate('2025-11-13', '2025-11-20')).statusCode).toBe(200);
  });

  it('refuses a holdout in which no calibration customer bought: nothing to judge by', async () => {
    const refused = await validate('2025-10-12', '2025-10-25');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'MODEL_NO_PURCHASES', field: 'holdoutEnd', message: expect.stringContaining("None of the calibration's 2 customers bought from 2025-10-13 to 2025-10-25") });
  });

  it('refuses a calibration end before the store\'s first purchase day, naming it, and one on that day, when no one has been watched for any time', async () => {
    const before = await validate('2025-09-01', '2025-10-31');
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toMatchObject({ code: 'MODEL_NO_PURCHASES', field: 'calibrationEnd', message: expect.stringContaining("No purchases on or before 2025-09-01 (the calibration end): the store's first purchase day is 2025-09-10") });
    const onFirstDay = await validate('2025-09-10', '2025-10-31');
    expect(onFirstDay.statusCode).toBe(400);
    expect(onFirstDay.json().error).toMatchObject({ code: 'MODEL_INVALID_PERIOD', field: 'calibrationEnd', message: expect.stringContaining("The calibration end 2025-09-10 is the store's first purchase day") });
  });
});
