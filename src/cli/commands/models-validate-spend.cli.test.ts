import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedSimulatedModelStore } from '../../../test/fixtures/models/simulated-store.js';

const validate = ['models', 'validate', '--calibration-end', '2025-06-30', '--holdout-end', '2025-09-30'];

// 300 customers drawn from BG/NBD purchases and Gamma-Gamma spend; a data set ending 30 September 2025
describeEachCliStore('clientele models validate: the Gamma-Gamma spend model', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  beforeAll(async () => {
    await context.withStore((store) => seedSimulatedModelStore(store.db));
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
