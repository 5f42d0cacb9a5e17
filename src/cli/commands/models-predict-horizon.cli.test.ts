import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { loadCdnowPurchases } from '../../../test/fixtures/models/load-cdnow.js';

// CDNOW sample customers 2201–2220 up to 1997-09-30: enough for a sound BG/NBD fit
describeEachCliStore('clientele models predict --horizon: the CLV horizon, named as the reports name theirs', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);
  const storedHorizons = () => context.withStore(async (store) => (await store.db.selectFrom('customer_prediction').select('clv_horizon_days').distinct().execute())
    .map((row) => row.clv_horizon_days));

  beforeAll(async () => {
    const purchases = loadCdnowPurchases();
    const calibrationEnd = Date.UTC(1997, 8, 30) / 86_400_000;
    const days = new Map<string, { customer: number; day: number; cents: number }>();
    for (let i = 0; i < purchases.day.length; i++) {
      const customer = purchases.customerIndex[i];
      if (customer < 2201 || customer > 2220 || purchases.day[i] > calibrationEnd) continue;
      const entry = days.get(`${customer}:${purchases.day[i]}`) ?? { customer, day: purchases.day[i], cents: 0 };
      entry.cents += Math.round(purchases.amount[i] * 100);
      days.set(`${customer}:${purchases.day[i]}`, entry);
    }
    const rows = [...days.values()];
    await context.withStore((store) => sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select id, date '1970-01-01' + day, 1, cents
      from unnest(${rows.map((row) => row.customer)}::bigint[], ${rows.map((row) => row.day)}::int[], ${rows.map((row) => row.cents)}::bigint[]) as input(id, day, cents)`.execute(store.db));
  }, 240_000);

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
    expect(result.stderr).toContain('give a whole number from 1 to 3,650, e.g. --horizon 365');
  });
});
