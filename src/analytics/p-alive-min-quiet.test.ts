import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { addDays } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze } from './analyze.service.js';
import { classifyCustomer } from './classify.js';
import { computeVipCutoffs, summarizePurchaseDays } from './customer-facts.js';
import { moneyFormatOf } from './money-format.js';
import { defaultTypePolicy, mergePolicy, parseTypePolicy, type TypePolicy } from './policy.js';
import { writeTypePolicySetting } from './settings.repo.js';
import { classifyCustomersIncremental } from './types.service.js';

// BG/NBD's P(alive) collapses for a heavy buyer after a few quiet weeks; lapsed.pAliveMinQuietDays
// keeps it from lapsing anyone quiet for that long or less. classify.sql.ts (a full analysis and the
// per-order batch) must draw the line on the same day as classify.ts.

const asOf = '2026-06-30';
const pAliveById: Record<number, number> = { 1: 0.03, 2: 0.03, 3: 0.03, 4: 0.5, 5: 1 };
// twelve weekly purchase days, the last `quiet` days before the as-of day
const weeklyUntil = (customerId: number, quiet: number) => Array.from({ length: 12 }, (_, week) => ({ customerId, day: addDays(asOf, -(quiet + 7 * week)), amountMinor: 30_000 }));
const fixture: SeedStore = {
  customerIds: [1, 2, 3, 4, 5],
  orders: [
    ...weeklyUntil(1, 180), ...weeklyUntil(2, 181),
    // CDNOW customer 7145: a heavy buyer quiet for 64 days, P(alive) 3%
    ...weeklyUntil(3, 64),
    ...weeklyUntil(4, 181),
    // a one-time buyer: the quiet-days rule, whatever the wait
    { customerId: 5, day: addDays(asOf, -181), amountMinor: 30_000 },
  ],
};

/** A fit without parameters, so the analysis reads the stored P(alive) of the as-of day as it is. */
async function predictAll(db: Kysely<Database>): Promise<void> {
  await sql`truncate model_fit, customer_prediction`.execute(db);
  const fit = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values ('bgnbd', 'week', ${asOf}::date, '{}', 0, true, 1, 0, 0, 5) returning model_fit_id`.execute(db);
  for (const [customerId, pAlive] of Object.entries(pAliveById)) {
    await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
      values (${Number(customerId)}::bigint, ${fit.rows[0].model_fit_id}::bigint, ${pAlive}::float8, 0.1, 'high', ${asOf}::date)`.execute(db);
  }
}

type Judged = { customerId: number; types: string[]; numbers: Record<string, unknown> };

async function storedTypes(db: Kysely<Database>): Promise<Judged[]> {
  const rows = await sql<{ customer_id: number; types: string[]; numbers: Record<string, unknown> }>`select customer_id, types, numbers from customer_type order by customer_id`.execute(db);
  return rows.rows.map((row) => ({ customerId: Number(row.customer_id), types: row.types, numbers: row.numbers }));
}

function referenceTypes(policy: TypePolicy): Judged[] {
  const facts = fixture.customerIds.map((customerId) => {
    const mine = fixture.orders.filter((order) => order.customerId === customerId);
    const days = mine.map((order) => ({ day: order.day, amountMinor: order.amountMinor }));
    const orders = mine.map((order) => ({ orderedDay: order.day, hasPromotion: false }));
    // purchase days 2 or more: P(alive) the models give; a one-time buyer's is ignored (classify.ts)
    return summarizePurchaseDays({ customerId, pAlive: pAliveById[customerId], pAliveAsOf: asOf }, days, orders, asOf, policy);
  });
  const context = { cutoffs: computeVipCutoffs(facts, policy), money: moneyFormatOf('IDR', 'id') };
  return facts.map((fact) => {
    const result = classifyCustomer(fact, policy, asOf, context);
    return { customerId: result.customerId, types: result.types, numbers: result.numbers };
  });
}

const withoutVip = (rows: Judged[]) => rows.map((row) => ({ ...row, types: row.types.filter((type) => type !== 'vip'), numbers: { ...row.numbers, vip: undefined } }));

describeEachStore('P(alive) after a minimum silence', (context) => {
  it('draws the line on the same day in SQL, in a per-order batch and in the rules: 180 quiet days not lapsed, 181 lapsed', async () => {
    const { db } = context.store;
    await seedStore(db, fixture);
    await predictAll(db);
    await analyze(db, { asOf });
    const full = await storedTypes(db);
    expect(full).toEqual(JSON.parse(JSON.stringify(referenceTypes(defaultTypePolicy))));
    expect(withoutVip(full).map((row) => row.types)).toEqual([['at_risk'], ['lapsed'], ['at_risk'], ['at_risk'], ['lapsed']]);
    expect(full[1].numbers.lapsed).toEqual({ pAlive: 0.03, pAliveAsOf: asOf, lastPurchaseDay: '2025-12-31', purchaseDays: 12, pAliveBelow: 0.3, pAliveMinQuietDays: 180 });

    await sql`delete from customer_type`.execute(db);
    await classifyCustomersIncremental(db, fixture.customerIds, asOf);
    expect(await storedTypes(db)).toEqual(full);
  });

  it('lets P(alive) judge at once when the store sets the wait to 0, in SQL as in the rules', async () => {
    const { db } = context.store;
    await seedStore(db, fixture);
    await writeTypePolicySetting(db, { lapsed: { pAliveMinQuietDays: 0 } });
    await predictAll(db);
    await analyze(db, { asOf });
    const full = await storedTypes(db);
    expect(full).toEqual(JSON.parse(JSON.stringify(referenceTypes(parseTypePolicy(mergePolicy(defaultTypePolicy, { lapsed: { pAliveMinQuietDays: 0 } }))))));
    expect(withoutVip(full).map((row) => row.types)).toEqual([['lapsed'], ['lapsed'], ['lapsed'], ['at_risk'], ['lapsed']]);
  });
});
