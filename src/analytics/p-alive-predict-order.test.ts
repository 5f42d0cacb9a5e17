import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { clearStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { fitModels, predictCustomers } from '../models/index.js';
import { createRandom } from '../models/random.js';
import { simulatePurchaseColumns } from '../models/simulate.js';
import { analyze } from './analyze.service.js';
import { classifyCustomersIncremental } from './types.service.js';

// The store keeps one prediction per customer, its latest run's. Predicting as of an earlier day
// after the latest one left the latest day's analysis judging repeat buyers by the earlier day's
// fit (CDNOW: 14,686 lapsed after the demo's predictions, 14,794 after a further prediction as of
// an earlier day): an analysis of a day judges by the BG/NBD fit calibrated latest by that day,
// whichever run stored the predictions.

const clock = fixedClock('2022-07-01T00:00:00Z');
const latestDay = '2022-06-30';
const earlierDay = '2021-09-30';
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * 400 customers' purchase days drawn from BG/NBD (CDNOW's estimates, in days), first purchases in
 * the first quarter of 2021, up to the latest day: written straight into the store, as the models read them.
 */
async function storeSimulatedPurchaseDays(db: Kysely<Database>): Promise<void> {
  await sql`truncate customer_prediction, model_fit, customer_rhythm`.execute(db);
  await clearStore(db);
  const purchases = simulatePurchaseColumns(createRandom(20_221), { model: 'bgnbd', params: { r: 0.24, alpha: 30.9, a: 0.79, b: 2.43 } }, {
    customers: 400, firstDay: dayNumber('2021-01-01'), acquisitionDays: 90, endDay: dayNumber(latestDay),
  });
  const days = new Set<string>();
  for (let i = 0; i < purchases.day.length; i++) if (purchases.day[i] <= dayNumber(latestDay)) days.add(`${purchases.customerIndex[i] + 1}:${purchases.day[i]}`);
  const rows = [...days].map((key) => key.split(':').map(Number));
  await sql`insert into customer (customer_id, kind) select distinct id, 'person' from unnest(${rows.map(([customer]) => customer)}::bigint[]) as input(id)`.execute(db);
  await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select id, date '1970-01-01' + day, 1, 1000 from unnest(${rows.map(([customer]) => customer)}::bigint[], ${rows.map(([, day]) => day)}::int[]) as input(id, day)`.execute(db);
}

type Verdict = { customerId: number; types: string[]; pAlive: unknown; pAliveAsOf: unknown };

async function verdicts(db: Kysely<Database>): Promise<Verdict[]> {
  const rows = await sql<{ customer_id: number; types: string[]; numbers: Record<string, Record<string, unknown>> }>`
    select customer_id, types, numbers from customer_type order by customer_id`.execute(db);
  return rows.rows.map((row) => ({
    customerId: Number(row.customer_id), types: row.types, pAlive: row.numbers.lapsed?.pAlive ?? null, pAliveAsOf: row.numbers.lapsed?.pAliveAsOf ?? null,
  }));
}

async function pAliveAsOfTheDay(db: Kysely<Database>, day: string): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*)::int as n from customer_type where numbers->'lapsed'->>'pAliveAsOf' = ${day}`.execute(db);
  return rows.rows[0].n;
}

describeEachStore('an analysis after predictions as of an earlier day', (context) => {
  /** Predicted and analysed as of the latest day, then predicted as of the earlier day: the verdicts of the analysis. */
  async function predictedTwice(db: Kysely<Database>): Promise<Verdict[]> {
    await storeSimulatedPurchaseDays(db);
    const latest = await predictCustomers(db, { asOf: latestDay, horizonDays: 365, discountRate: 0.01, clock });
    expect(latest.fits.transaction.model).toBe('bgnbd');
    await analyze(db, { asOf: latestDay, clock });
    const first = await verdicts(db);
    // the fixture has lapsed repeat buyers judged by P(alive), so the comparisons are about them
    expect(await pAliveAsOfTheDay(db, latestDay)).toBeGreaterThan(20);

    // the stored predictions are now the earlier day's, made with a fit calibrated then
    const earlier = await predictCustomers(db, { asOf: earlierDay, horizonDays: 365, discountRate: 0.01, clock });
    expect(earlier.fits.transaction.model).toBe('bgnbd');
    const dated = await sql<{ as_of: string }>`select distinct to_char(as_of, 'YYYY-MM-DD') as as_of from customer_prediction`.execute(db);
    expect(dated.rows).toEqual([{ as_of: earlierDay }]);
    return first;
  }

  it('judges the latest day as it did before the earlier day was predicted: the same types and P(alive)', async () => {
    const { db } = context.store;
    const first = await predictedTwice(db);
    await analyze(db, { asOf: latestDay, clock });
    expect(await verdicts(db)).toEqual(first);
  });

  it('is not judged by a fit only explored with models fit, however recent', async () => {
    const { db } = context.store;
    await storeSimulatedPurchaseDays(db);
    await predictCustomers(db, { asOf: latestDay, horizonDays: 365, discountRate: 0.01, clock });
    await analyze(db, { asOf: latestDay, clock });
    const first = await verdicts(db);
    // calibrated on the same day and fitted later, with a penalty that moves its estimates
    const explored = await fitModels(db, { calibrationEnd: latestDay, unit: 'week', model: 'bgnbd', penalty: 5, clock });
    const stored = await sql<{ params: Record<string, number> }>`select params from model_fit where is_predicting and model = 'bgnbd'`.execute(db);
    expect(explored.fits[0].params).not.toEqual(stored.rows[0].params);
    await analyze(db, { asOf: latestDay, clock });
    expect(await verdicts(db)).toEqual(first);
    await classifyCustomersIncremental(db, first.slice(0, 8).map((row) => row.customerId), latestDay);
    expect(await verdicts(db)).toEqual(first);
  });

  it('judges customers the same way on the ingest path, in one batch and one by one', async () => {
    const { db } = context.store;
    const first = await predictedTwice(db);
    const ids = first.map((row) => row.customerId);
    await classifyCustomersIncremental(db, ids, latestDay);
    expect(await verdicts(db)).toEqual(first);
    // single-order batches run through the prepared statement
    const lapsedByPAlive = first.filter((row) => row.pAlive !== null).slice(0, 8).map((row) => row.customerId);
    await sql`delete from customer_type where customer_id = any(${lapsedByPAlive}::bigint[])`.execute(db);
    for (const id of lapsedByPAlive) await classifyCustomersIncremental(db, [id], latestDay);
    expect(await verdicts(db)).toEqual(first);
  });
});
