import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

const sample = fileURLToPath(new URL('../../../test/fixtures/models/CDNOW_sample.txt', import.meta.url));
const usdStore = { CLIENTELE_CURRENCY: 'USD', CLIENTELE_TIMEZONE: 'America/New_York' };

// CDNOW sample customers 1–300 up to 1997-09-30 and a buyer of three free orders, predicted with a 2% discount rate
describeEachCliStore('clientele customers show: how the value is discounted, and why a free buyer has none', (context) => {
  let folder = '';
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, usdStore);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const customerOf = (externalId: string) => context.withStore(async (store) => String((await store.db.selectFrom('customer_identity').select('customer_id')
    .where('kind', '=', 'external').where('value', '=', externalId).executeTakeFirstOrThrow()).customer_id));
  const predictionBlock = (text: string) => text.split('\nprediction:\n')[1].split('\n\nrecent timeline:')[0].split('\n').map((line) => line.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clientele-show-discount-'));
    const rows = (await readFile(sample, 'utf8')).split('\n').filter((line) => {
      const [, sampleId, date] = line.trim().split(/\s+/);
      return Number(sampleId) >= 1 && Number(sampleId) <= 300 && date <= '19970930';
    });
    const free = ['19970301', '19970410', '19970520'].map((day) => ` 90001 90001 ${day}  1  0.00`);
    await writeFile(join(folder, 'orders.txt'), `${[...rows, ...free].join('\n')}\n`);
    await run('import', 'orders', join(folder, 'orders.txt'), '--preset', 'cdnow');
    await run('models', 'predict', '--as-of', '1997-09-30', '--discount-rate', '0.02');
  }, 600_000);
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('says beside a customer\'s value that it is discounted, and at the rate of the run that made it', async () => {
    const payer = await context.withStore(async (store) => String((await sql<{ customer_id: number }>`
      select customer_id from customer_prediction where clv_minor > 0 order by customer_id limit 1`.execute(store.db)).rows[0].customer_id));
    const block = predictionBlock(await run('customers', 'show', payer));
    expect(block.find((line) => line.startsWith('clv_next_365_days'))).toMatch(/^clv_next_365_days \$[\d,]+\.\d\d$/);
    expect(block).toContain('clv_discount discounted 2% per 30 days');
    const json = JSON.parse(await run('--json', 'customers', 'show', payer));
    expect(json.prediction).toMatchObject({ clv_horizon_days: 365, clv_discount_rate: 0.02, clv_period_days: 30, spend_not_estimated: null });
  });

  it('says a buyer of free orders only has no spend or value, from the reason stored with the prediction', async () => {
    const free = await customerOf('90001');
    const block = predictionBlock(await run('customers', 'show', free));
    expect(block).toContain('expected_spend_per_order not predicted (free purchases only)');
    expect(block).toContain('clv_next_365_days not predicted (free purchases only)');
    // no value, nothing to discount
    expect(block.some((line) => line.startsWith('clv_discount'))).toBe(false);
    const json = JSON.parse(await run('--json', 'customers', 'show', free));
    expect(json.prediction).toMatchObject({ expected_spend_minor: null, clv_minor: null, spend_not_estimated: 'free_purchases_only' });
    // the stored reason decides, not the spend model's fit: a run whose spend model was unusable says so though it kept the fit
    await context.withStore((store) => sql`update customer_prediction set spend_not_estimated = 'no_spend_model' where customer_id = ${Number(free)}::bigint`.execute(store.db));
    expect(predictionBlock(await run('customers', 'show', free))).toContain('clv_next_365_days not predicted (no usable spend model in that run)');
  });
});
