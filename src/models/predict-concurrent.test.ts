import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCdnowPurchases } from '../../test/fixtures/models/load-cdnow.js';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { predictCustomers } from './models.service.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/** The CDNOW sample's purchase days (2,357 customers), in cents. */
async function storeCdnowPurchaseDays(db: Kysely<Database>): Promise<void> {
  const purchases = loadCdnowPurchases();
  const byDay = new Map<string, { customer: number; day: number; cents: number }>();
  for (let i = 0; i < purchases.day.length; i++) {
    const key = `${purchases.customerIndex[i]}:${purchases.day[i]}`;
    const entry = byDay.get(key) ?? { customer: purchases.customerIndex[i], day: purchases.day[i], cents: 0 };
    entry.cents += Math.round(purchases.amount[i] * 100);
    byDay.set(key, entry);
  }
  const rows = [...byDay.values()];
  await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select id, date '1970-01-01' + day, 1, cents
    from unnest(${rows.map((row) => row.customer)}::bigint[], ${rows.map((row) => row.day)}::int[], ${rows.map((row) => row.cents)}::bigint[]) as input(id, day, cents)`.execute(db);
}

/** Two processes on one store, as two servers behind a proxy or two CLI jobs: here two handles, each with a pool of its own. */
describe.skipIf(!serverUrl)('two prediction runs at once on the PostgreSQL server', () => {
  let first: Store;
  let second: Store;
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'test');
    dropSchema = scratch.drop;
    first = await openStore(scratch.url);
    await migrate(first);
    second = await openStore(scratch.url);
    await storeCdnowPurchaseDays(first.db);
  }, 240_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await dropSchema?.();
  });

  it('both store their predictions, one after the other, where the second used to fail on a duplicate key', async () => {
    const options = { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01 };
    // once with the table empty, once replacing predictions both runs see
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.allSettled([predictCustomers(first.db, options), predictCustomers(second.db, options)]);
      expect(runs.map((run) => (run.status === 'rejected' ? String(run.reason) : 'stored'))).toEqual(['stored', 'stored']);
      const fitIds = runs.map((run) => (run as PromiseFulfilledResult<Awaited<ReturnType<typeof predictCustomers>>>).value.modelFitId);
      // the run that stored second (its fit recorded after the first's) left its complete result: every customer, by its one fit
      const stored = await sql<{ predictions: number; fits: number; modelFitId: string }>`
        select count(*)::int as predictions, count(distinct model_fit_id)::int as fits, min(model_fit_id)::text as "modelFitId" from customer_prediction`.execute(first.db);
      expect(stored.rows[0]).toEqual({ predictions: 2357, fits: 1, modelFitId: String(Math.max(...fitIds)) });
    }
  }, 300_000);
});
