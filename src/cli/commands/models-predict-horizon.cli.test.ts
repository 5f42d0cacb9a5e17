import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedCdnowPurchaseDays } from '../../../test/fixtures/models/load-cdnow.js';

// CDNOW sample customers 2201–2220 up to 1997-09-30: enough for a sound BG/NBD fit
describeEachCliStore('clientele models predict --horizon: the CLV horizon, named as the reports name theirs', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);
  const storedHorizons = () => context.withStore(async (store) => (await store.db.selectFrom('customer_prediction').select('clv_horizon_days').distinct().execute())
    .map((row) => row.clv_horizon_days));

  beforeAll(() => context.withStore((store) => seedCdnowPurchaseDays(store.db)), 240_000);

  it('predicts over the days --horizon gives, 365 without it', async () => {
    expect((await run('models', 'predict', '--as-of', '1997-09-30', '--horizon', '90')).exitCode).toBe(0);
    expect(await storedHorizons()).toEqual([90]);
    expect((await run('models', 'predict', '--as-of', '1997-09-30')).exitCode).toBe(0);
    expect(await storedHorizons()).toEqual([365]);
  });

  it('still reads the former --horizon-days, alone or beside an equal --horizon, and keeps it out of the help', async () => {
    expect((await run('models', 'predict', '--as-of', '1997-09-30', '--horizon-days', '180')).exitCode).toBe(0);
    expect(await storedHorizons()).toEqual([180]);
    expect((await run('models', 'predict', '--as-of', '1997-09-30', '--horizon', '120', '--horizon-days', '120')).exitCode).toBe(0);
    expect(await storedHorizons()).toEqual([120]);
    const help = await run('models', 'predict', '--help');
    expect(help.stdout).toContain('--horizon <days>');
    expect(help.stdout).not.toContain('--horizon-days');
  });

  it('exits 1 naming both options when --horizon and --horizon-days differ, predicting nothing', async () => {
    const result = await run('models', 'predict', '--as-of', '1997-09-30', '--horizon', '90', '--horizon-days', '180');
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', details: { field: '--horizon' } });
    expect(result.stderr).toContain('--horizon 90 and --horizon-days 180 differ');
    expect(await storedHorizons()).toEqual([120]);
  });

  it('refuses an out-of-range --horizon as a usage error', async () => {
    const result = await run('models', 'predict', '--horizon', '0');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error CLI_ARGUMENT_INVALID: --horizon takes a whole number from 1 to 3,650, e.g. --horizon 365, not 0.');
  });
});
