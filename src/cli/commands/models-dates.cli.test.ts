import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore } from '../../../test/fixtures/analytics/seed.js';
import { updateStoreSettings } from '../../settings/index.js';

// a data set ending 25 November 2026: the store's today whatever the system clock says
describeEachCliStore('clientele models validate | predict: days the store has not observed or that leave nothing to judge', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  beforeAll(async () => {
    await context.withStore(async (store) => {
      await seedStore(store.db, { timezone: 'Asia/Jakarta', customerIds: [1, 2], orders: [
        { customerId: 1, day: '2026-09-10', amountMinor: 10_000 }, { customerId: 1, day: '2026-10-10', amountMinor: 10_000 },
        { customerId: 2, day: '2026-10-05', amountMinor: 20_000 }, { customerId: 1, day: '2026-11-20', amountMinor: 10_000 },
      ] });
      await updateStoreSettings(store.db, { data_as_of: '2026-11-25T23:59:59.999+07:00' });
    });
  }, 240_000);

  it('exits 1 on a holdout end past the data set\'s end, naming the field, the day and the store\'s today', async () => {
    const result = await run('models', 'validate', '--calibration-end', '2026-10-31', '--holdout-end', '2026-12-01');
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'holdoutEnd' } });
    expect(result.stderr).toContain("The holdout end 2026-12-01 is after the data set's end (2026-11-25). No purchase after it is known: end it on that day or earlier.");
    const validated = await run('--json', 'models', 'validate', '--calibration-end', '2026-10-31', '--holdout-end', '2026-11-25', '--model', 'bgnbd');
    expect(validated.exitCode).toBe(0);
    expect(JSON.parse(validated.stdout).models[0].holdout).toMatchObject({ customers: 2, totalActual: 1 });
  });

  it('exits 1 on a fit --calibration-end or predict --as-of past the data set\'s end, though the clock has passed it, storing nothing', async () => {
    const fit = await run('models', 'fit', '--calibration-end', '2026-12-01');
    expect(fit.exitCode).toBe(1);
    expect(fit.error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'calibrationEnd' } });
    expect(fit.stderr).toContain("The calibration end 2026-12-01 is after the data set's end (2026-11-25). No purchase after it is known: end the calibration on that day or earlier.");
    const predict = await run('models', 'predict', '--as-of', '2026-11-26');
    expect(predict.exitCode).toBe(1);
    expect(predict.error).toMatchObject({ code: 'ANALYTICS_AS_OF_IN_FUTURE', details: { field: 'asOf' } });
    expect(predict.stderr).toContain("The as-of day 2026-11-26 is after the data set's end (2026-11-25). No purchase after it is known: predict as of that day or an earlier one.");
    await context.withStore(async (store) => {
      await expect(store.db.selectFrom('model_fit').select('model_fit_id').execute()).resolves.toEqual([]);
    });
  });

  it('fits as of the data set\'s end when no --calibration-end is given', async () => {
    const fit = await run('--json', 'models', 'fit', '--model', 'bgnbd');
    expect(fit.exitCode).toBe(0);
    await context.withStore(async (store) => {
      const fits = await store.db.selectFrom('model_fit').select(sql<string>`calibration_end::text`.as('day')).execute();
      expect(fits).toEqual([{ day: '2026-11-25' }]);
      await store.db.deleteFrom('model_fit').execute();
    });
  });

  it('says in text which day and unit a fit was made as of, and how many customers each fit used (Gamma-Gamma: the repeat buyers)', async () => {
    const fit = await run('models', 'fit', '--model', 'all');
    expect(fit.exitCode).toBe(0);
    expect(fit.stdout).toContain('2 customers with a purchase by 2026-11-25, in weeks; each fit\'s own in its row');
    // customer 1 bought on three days, customer 2 on one: only customer 1 has repeat spend
    expect(fit.stdout).toMatch(/gammagamma +1 /);
    expect(fit.stdout).toMatch(/bgnbd +2 /);
    const validated = await run('models', 'validate', '--calibration-end', '2026-10-31', '--holdout-end', '2026-11-25', '--model', 'bgnbd');
    expect(validated.stdout).toContain('2 customers with a purchase by 2026-10-31; calibration to 2026-10-31, holdout to 2026-11-25 (3.6 weeks)');
    await context.withStore((store) => store.db.deleteFrom('model_fit').execute());
  });

  it('exits 1 on a holdout end not after the calibration end, or less than a week after it', async () => {
    const reversed = await run('models', 'validate', '--calibration-end', '2026-11-20', '--holdout-end', '2026-11-01');
    expect(reversed.exitCode).toBe(1);
    expect(reversed.error).toMatchObject({ code: 'MODEL_INVALID_PERIOD', details: { field: 'holdoutEnd' } });
    expect(reversed.stderr).toContain('The holdout end 2026-11-01 is not after the calibration end 2026-11-20');
    const short = await run('models', 'validate', '--calibration-end', '2026-11-20', '--holdout-end', '2026-11-22');
    expect(short.exitCode).toBe(1);
    expect(short.stderr).toContain('The holdout from 2026-11-21 to 2026-11-22 is 2 days, too short to judge the predictions by');
  });

  it('exits 1 on a predict --as-of before the first purchase day, naming --as-of\'s field rather than the calibration end', async () => {
    const result = await run('--json', 'models', 'predict', '--as-of', '2026-09-01');
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ code: 'MODEL_NO_PURCHASES', details: { field: 'asOf', firstPurchaseDay: '2026-09-10' } });
  });
});
