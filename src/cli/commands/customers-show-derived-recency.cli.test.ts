import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { signInAs } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../../server/app.js';
import { getCustomer } from '../../customers/customers.queries.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

const sample = fileURLToPath(new URL('../../../test/fixtures/models/CDNOW_sample.txt', import.meta.url));
// the CDNOW store's own settings, as the reviewer's was: USD orders need no exchange rate
const usdStore = { CLIENTELE_CURRENCY: 'USD', CLIENTELE_TIMEZONE: 'America/New_York' };

// CDNOW sample customers 2201–2220 up to 1997-09-30: enough for a sound BG/NBD fit (models-predict-output.cli.test.ts)
describeEachCliStore('RFM scores and predictions that predate a customer\'s latest orders', (context) => {
  let folder = '';
  let customerId = 0;
  let externalId = '';
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args, usdStore);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const detail = () => context.withStore((store) => getCustomer(store.db, customerId));

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clientele-stale-derived-'));
    const rows = (await readFile(sample, 'utf8')).split('\n').filter((line) => {
      const [, sampleId, date] = line.trim().split(/\s+/);
      return Number(sampleId) >= 2201 && Number(sampleId) <= 2220 && date <= '19970930';
    });
    await writeFile(join(folder, 'orders.txt'), `${rows.join('\n')}\n`);
    const first = await run('import', 'orders', join(folder, 'orders.txt'), '--preset', 'cdnow');
    // nothing is scored or predicted yet: nothing to be out of date
    expect(first).not.toContain('do not include these orders yet');
    await run('analyze', '--as-of', '1997-09-30');
    await run('models', 'predict', '--as-of', '1997-09-30');
    externalId = rows[0].trim().split(/\s+/)[0];
    customerId = await context.withStore(async (store) => Number((await store.db.selectFrom('customer_identity').select('customer_id')
      .where('kind', '=', 'external').where('value', '=', externalId).executeTakeFirstOrThrow()).customer_id));
    // a late export: $500 on a day inside the analysed period, imported after the analysis and the prediction
    await writeFile(join(folder, 'new_orders.txt'), ` ${externalId} 2201 19970920  3  500.00\n`);
  }, 600_000);
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('counts no order since, while the analysis and the prediction have seen them all', async () => {
    const before = await detail();
    expect(before.rfm).toMatchObject({ as_of: '1997-09-30', orders_recorded_since: 0 });
    expect(before.prediction).toMatchObject({ orders_recorded_since: 0 });
    const shown = await run('customers', 'show', String(customerId));
    expect(shown).toMatch(/\nRFM:\n.+\nas of the analysis on \d{4}-\d{2}-\d{2} \(scored as of 1997-09-30\)\n/);
    expect(shown).not.toContain('changed or merged in since');
  });

  it('says in the import summary that RFM scores and predictions do not include the imported orders, and what to run', async () => {
    const summary = await run('import', 'orders', join(folder, 'new_orders.txt'), '--preset', 'cdnow');
    expect(summary).toMatch(/\nRFM scores \(analysis of \d{4}-\d{2}-\d{2}\) and predictions \(of \d{4}-\d{2}-\d{2}\) do not include these orders yet: run `clientele --db .+ analyze` and `clientele --db .+ models predict`\.(\n|$)/);
    // the same file again stores nothing new: nothing to say
    expect(await run('import', 'orders', join(folder, 'new_orders.txt'), '--preset', 'cdnow')).not.toContain('do not include these orders yet');
  });

  it('counts the order recorded after the analysis and the prediction, though dated before them, in the detail, the API and customers show', async () => {
    const after = await detail();
    expect(after.rfm?.orders_recorded_since).toBe(1);
    expect(after.prediction?.orders_recorded_since).toBe(1);
    const shown = await run('customers', 'show', String(customerId));
    expect(shown).toMatch(/\nas of the analysis on \d{4}-\d{2}-\d{2} \(scored as of 1997-09-30\); 1 order recorded, changed or merged in since, not in the RFM score — run `clientele --db .+ analyze` to include it\n/);
    expect(shown).toMatch(/\nas of the prediction run on \d{4}-\d{2}-\d{2}; 1 order recorded, changed or merged in since, not in the prediction — run `clientele --db .+ models predict` to include it\n/);
    const json = JSON.parse(await run('--json', 'customers', 'show', String(customerId)));
    expect(json.rfm).toMatchObject({ orders_recorded_since: 1, as_of: '1997-09-30' });
    expect(json.prediction).toMatchObject({ orders_recorded_since: 1 });
    expect(Date.parse(json.rfm.analysed_at)).toBeLessThan(Date.parse(json.prediction.predicted_at));
    const answer = await context.withStore(async (store) => {
      const app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('1997-10-01T00:00:00Z') });
      try {
        const analyst = await signInAs(store, 'analyst');
        return (await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: analyst.readHeaders })).json();
      } finally {
        await app.close();
      }
    });
    expect(answer.rfm).toMatchObject({ orders_recorded_since: 1, as_of: '1997-09-30', analysed_at: json.rfm.analysed_at });
    expect(answer.prediction).toMatchObject({ orders_recorded_since: 1 });
  });

  it('counts a refund recorded since, and nothing once the analysis runs again', async () => {
    await run('analyze', '--as-of', '1997-09-30');
    expect((await detail()).rfm?.orders_recorded_since).toBe(0);
    await run('import', 'orders', join(folder, 'new_orders.txt'), '--preset', 'cdnow');
    const refund = { order_id: `${externalId}-19970920-1`, customer_id: externalId, ordered_at: '1997-09-20', amount: '500.00', currency: 'USD', channel: 'other', status: 'refunded' };
    const summary = await context.withStore((store) => ingestRecords(store.db, 'orders', [refund], { source: 'cdnow', actor: 'test', clock: fixedClock('1997-10-01T00:00:00Z') }));
    expect(summary).toMatchObject({ updated: 1, rejected: 0 });
    expect((await detail()).rfm?.orders_recorded_since).toBe(1);
  });
});
