import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedCdnowPurchaseDays } from '../../../test/fixtures/models/load-cdnow.js';

// CDNOW sample customers 2201–2220 up to 1997-09-30: a sound BG/NBD fit, a degenerate Pareto/NBD one, and too few repeat buyers for a spend model
describeEachCliStore('clientele models predict: what the run says it predicted', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  beforeAll(() => context.withStore((store) => seedCdnowPurchaseDays(store.db)), 240_000);

  it('says CLV was not predicted, rather than a total of 0.00, when there is no spend model; --json gives null', async () => {
    const text = await run('models', 'predict', '--as-of', '1997-09-30');
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^20 customers predicted as of 1997-09-30 \(BG\/NBD fit #\d+\); CLV not predicted \(no spend model: see below\)\n/);
    expect(text.stdout).not.toMatch(/total CLV|0\.00/);
    expect(text.stdout).toContain('No expected spend or CLV: fewer than 10 repeat buyers with spend to fit the Gamma-Gamma spend model on.');
    const json = await run('--json', 'models', 'predict', '--as-of', '1997-09-30');
    expect(JSON.parse(json.stdout)).toMatchObject({ totalClvMinor: null, fits: { spend: null } });
  });

  it('says which recorded fit is degenerate, and why, in models fit', async () => {
    const result = await run('models', 'fit', '--calibration-end', '1997-09-30', '--model', 'paretonbd');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\nparetonbd is degenerate, and `models predict` will not use it: it expects .*% of customers to drop out within .* weeks/);
    const json = await run('--json', 'models', 'fit', '--calibration-end', '1997-09-30', '--model', 'bgnbd');
    expect(JSON.parse(json.stdout).fits[0]).toMatchObject({ model: 'bgnbd', converged: true, degenerate: null });
  });

  it('names the model it fell back to when the one asked for was degenerate', async () => {
    const result = await run('models', 'predict', '--as-of', '1997-09-30', '--model', 'paretonbd');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^20 customers predicted as of 1997-09-30 \(BG\/NBD fit #\d+\)/);
    expect(result.stdout).toContain('The Pareto/NBD fit was set aside');
  });
});
