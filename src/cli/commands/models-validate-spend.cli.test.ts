import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore } from '../../../test/fixtures/analytics/seed.js';
import { dayNumberOf, isoDateOf } from '../../models/models.service.js';
import { createRandom } from '../../models/random.js';
import { simulatePurchaseColumns } from '../../models/simulate.js';
import { updateStoreSettings } from '../../settings/index.js';

const validate = ['models', 'validate', '--calibration-end', '2025-06-30', '--holdout-end', '2025-09-30'];

// 300 customers drawn from BG/NBD purchases and Gamma-Gamma spend; a data set ending 30 September 2025
describeEachCliStore('clientele models validate: the Gamma-Gamma spend model', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  beforeAll(async () => {
    const simulated = simulatePurchaseColumns(createRandom(11), { model: 'bgnbd', params: { r: 0.5, alpha: 40, a: 0.8, b: 2.4 } }, {
      customers: 300, firstDay: dayNumberOf('2025-01-01'), acquisitionDays: 90, endDay: dayNumberOf('2025-09-30'), spend: { p: 6, q: 4, gamma: 1_500 },
    });
    await context.withStore(async (store) => {
      await seedStore(store.db, { currency: 'USD', timezone: 'UTC', customerIds: Array.from({ length: 300 }, (_, index) => index + 1),
        orders: Array.from(simulated.day, (day, row) => ({ customerId: simulated.customerIndex[row] + 1, day: isoDateOf(day), amountMinor: Math.max(1, Math.round(simulated.amount[row])) })) });
      await updateStoreSettings(store.db, { data_as_of: '2025-09-30T23:59:59.999Z' });
    });
  }, 240_000);

  it('validates only the spend model with --model gammagamma, in text and --json', async () => {
    const text = await run(...validate, '--model', 'gammagamma');
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('Gamma-Gamma spend model:');
    expect(text.stdout).toMatch(/holdout average spend per purchase day \(orders of one day together, as the model counts them\) of the \d+ calibration repeat buyers who bought in the holdout/);
    expect(text.stdout).toContain('naive: own calibration mean');
    expect(text.stdout).not.toMatch(/bgnbd|paretonbd|model comparison/);
    const json = JSON.parse((await run('--json', ...validate, '--model', 'gammagamma')).stdout);
    expect(json.models).toEqual([]);
    expect(json.spend.fit.model).toBe('gammagamma');
    expect(json.spend.holdout.customers).toBeGreaterThan(10);
    expect(json.spend.holdout.revenue).toEqual([]);
  });

  it('includes the spend model and holdout revenue per purchase model with --model all', async () => {
    const text = await run(...validate);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('model comparison:');
    expect(text.stdout).toContain('Gamma-Gamma spend model:');
    expect(text.stdout).toMatch(/BG\/NBD +\$[\d,.]+ +\$[\d,.]+ +\$[\d,.]+/);
    expect(text.stdout).toMatch(/Pareto\/NBD +\$[\d,.]+ +\$[\d,.]+ +\$[\d,.]+/);
  });
});
