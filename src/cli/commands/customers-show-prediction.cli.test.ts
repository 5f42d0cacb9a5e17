import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { signInAs } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../../server/app.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

const sample = fileURLToPath(new URL('../../../test/fixtures/models/CDNOW_sample.txt', import.meta.url));
const usdStore = { CLIENTELE_CURRENCY: 'USD', CLIENTELE_TIMEZONE: 'America/New_York' };

// CDNOW sample customers 1–300 up to 1997-09-30 (a sound BG/NBD fit and a spend model), a buyer of three free orders,
// one whose first purchase is after the as-of day, and a lead
describeEachCliStore('clientele customers show: the prediction as it may honestly be read', (context) => {
  let folder = '';
  let predictOutput = '';
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, usdStore);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const customerOf = (externalId: string) => context.withStore(async (store) => String((await store.db.selectFrom('customer_identity').select('customer_id')
    .where('kind', '=', 'external').where('value', '=', externalId).executeTakeFirstOrThrow()).customer_id));
  const predictionBlock = (text: string) => text.split('\nprediction:\n')[1].split('\n\nrecent timeline:')[0].split('\n').map((line) => line.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clientele-show-prediction-'));
    const rows = (await readFile(sample, 'utf8')).split('\n').filter((line) => {
      const [, sampleId, date] = line.trim().split(/\s+/);
      return Number(sampleId) >= 1 && Number(sampleId) <= 300 && date <= '19970930';
    });
    const free = ['19970301', '19970410', '19970520'].map((day) => ` 90001 90001 ${day}  1  0.00`);
    const later = [' 90002 90002 19971101  1  20.00'];
    await writeFile(join(folder, 'orders.txt'), `${[...rows, ...free, ...later].join('\n')}\n`);
    await run('import', 'orders', join(folder, 'orders.txt'), '--preset', 'cdnow');
    await context.withStore((store) => ingestRecords(store.db, 'customers', [{ customer_id: 'LEAD1', email: 'lead.only@example.com' }],
      { actor: 'test', clock: fixedClock('1997-09-01T00:00:00Z') }));
    predictOutput = await run('models', 'predict', '--as-of', '1997-09-30');
  }, 600_000);
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('says the run\'s as-of day, and how its value is discounted, in the models predict summary; and who got no value', () => {
    expect(predictOutput).toMatch(/^\d+ customers predicted as of 1997-09-30 \(BG\/NBD fit #\d+\); total CLV over the next 365 days \$[\d,.]+, discounted 1% per 30 days\n/);
    // the sample's own $0 buyers besides ours
    expect(predictOutput).toMatch(/\n\d+ customers with free purchases only \(every amount 0\) got no expected spend or CLV: the spend model describes paid purchases/);
  });

  it('gives the as-of day and what the CLV covers in --json and over the API', async () => {
    const json = JSON.parse(await run('--json', 'models', 'predict', '--as-of', '1997-09-30', '--horizon', '180', '--discount-rate', '0.02'));
    expect(json).toMatchObject({ asOf: '1997-09-30', clv: { horizonDays: 180, discountRate: 0.02, periodDays: 30 } });
    const answer = await context.withStore(async (store) => {
      const app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('1997-10-01T00:00:00Z') });
      try {
        const marketer = await signInAs(store, 'marketer');
        return (await app.inject({ method: 'POST', url: '/api/models/predict', payload: { asOf: '1997-09-30' }, headers: marketer.headers })).json();
      } finally {
        await app.close();
      }
    });
    expect(answer).toMatchObject({ asOf: '1997-09-30', clv: { horizonDays: 365, discountRate: 0.01, periodDays: 30 } });
  });

  it('gives the prediction\'s as-of day and next purchase day in customers show --json as plain dates, YYYY-MM-DD', async () => {
    const { id, nextDay } = await context.withStore(async (store) => {
      const row = (await sql<{ customer_id: number; next_day: string }>`select customer_id, to_char(next_purchase_day, 'YYYY-MM-DD') as next_day
        from customer_prediction where next_purchase_day is not null order by customer_id limit 1`.execute(store.db)).rows[0];
      return { id: String(row.customer_id), nextDay: row.next_day };
    });
    const json = JSON.parse(await run('--json', 'customers', 'show', id));
    expect(json.prediction).toMatchObject({ as_of: '1997-09-30', next_purchase_day: nextDay });
    expect(nextDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names the model and the span of the value, and a one-time buyer\'s spend as the store\'s average', async () => {
    const oneTime = await context.withStore(async (store) => String((await sql<{ customer_id: number }>`
      select p.customer_id from customer_prediction p where (select count(*) from customer_purchase_day d where d.customer_id = p.customer_id) = 1
        and p.expected_spend_minor is not null order by p.customer_id limit 1`.execute(store.db)).rows[0].customer_id));
    const block = predictionBlock(await run('customers', 'show', oneTime));
    expect(block).toContain('model BG/NBD + Gamma-Gamma spend');
    expect(block.find((line) => line.startsWith('expected_spend_per_order'))).toMatch(/^expected_spend_per_order \$\d+\.\d\d \(store average\)$/);
    expect(block.find((line) => line.startsWith('clv'))).toMatch(/^clv_next_365_days \$\d+\.\d\d$/);
    expect(block).toContain('next_purchase not estimated (one purchase only)');
    // --json keeps its fields and gains what the text names
    const json = JSON.parse(await run('--json', 'customers', 'show', oneTime));
    expect(json.prediction).toMatchObject({ model: 'bgnbd', purchase_days: 1, clv_horizon_days: 365 });
    expect(json.prediction.expected_spend_minor).toEqual(expect.any(Number));
  });

  it('says none expected for a repeat buyer with no likely next purchase, not a blank', async () => {
    const quiet = await context.withStore(async (store) => String((await sql<{ customer_id: number }>`
      select customer_id from customer_prediction where p_alive is not null and next_purchase_day is null order by customer_id limit 1`.execute(store.db)).rows[0].customer_id));
    const block = predictionBlock(await run('customers', 'show', quiet));
    expect(block).toContain('next_purchase none expected');
    expect(block.find((line) => line.startsWith('expected_spend_per_order'))).not.toContain('store average');
  });

  it('predicts no spend or value for a buyer of free orders only, and says why', async () => {
    const block = predictionBlock(await run('customers', 'show', await customerOf('90001')));
    expect(block).toContain('expected_spend_per_order not predicted (free purchases only)');
    expect(block).toContain('clv_next_365_days not predicted (free purchases only)');
    const json = JSON.parse(await run('--json', 'customers', 'show', await customerOf('90001')));
    expect(json.prediction).toMatchObject({ expected_spend_minor: null, clv_minor: null });
  });

  it('says why a lead, and a customer who first bought after the as-of day, have no prediction', async () => {
    const lead = await context.withStore(async (store) => String((await store.db.selectFrom('customer').select('customer_id')
      .where('email', '=', 'lead.only@example.com').executeTakeFirstOrThrow()).customer_id));
    expect(predictionBlock(await run('customers', 'show', lead))).toEqual(['(none: no purchase yet, nothing to predict from)']);
    const [line] = predictionBlock(await run('customers', 'show', await customerOf('90002')));
    expect(line).toMatch(/^\(none: the predictions are as of 1997-09-30, before this customer's first purchase on 1997-11-0[12]; a run as of that day or later includes them: clientele .*models predict\)$/);
  });

  // last: it predicts again, with a 2% discount rate
  it('says beside a customer\'s value that it is discounted, and at the rate of the run that made it', async () => {
    await run('models', 'predict', '--as-of', '1997-09-30', '--discount-rate', '0.02');
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
