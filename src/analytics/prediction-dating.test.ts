import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { analyze } from './analyze.service.js';
import { writeTypePolicySetting } from './settings.repo.js';

// A prediction describes its customers as of its model's calibration end. A data set's store
// (CDNOW ends in 1998) is predicted and analysed as of its last day, today: dated by when it was
// made, the prediction was never read, and "lapsed" ignored P(alive).
/**
 * A store's only BG/NBD fit, calibrated to `calibrationEnd`, with no predictions yet; P(alive)
 * judges from the first quiet day, since these customers are quiet for weeks, not the months
 * the default waits (lapsed.pAliveMinQuietDays): which prediction is read is what is tested.
 */
async function onlyFit(db: Kysely<Database>, calibrationEnd: string): Promise<number> {
  await writeTypePolicySetting(db, { lapsed: { pAliveMinQuietDays: 0 } });
  await sql`truncate model_fit, customer_prediction`.execute(db);
  const fit = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values ('bgnbd', 'week', ${calibrationEnd}::date, '{}', 0, true, 1, 0, 0, 2) returning model_fit_id`.execute(db);
  return fit.rows[0].model_fit_id;
}

describeEachStore('predictions read by the day they describe', (context) => {
  it('uses P(alive) predicted for the as-of day, whenever it was made, and never one for a later day', async () => {
    const { db } = context.store;
    // both bought every fortnight until two weeks before the as-of day: not quiet, not overdue
    const days = Array.from({ length: 8 }, (_, index) => new Date(Date.parse('2020-03-10T00:00:00Z') + index * 14 * 86_400_000).toISOString().slice(0, 10));
    // customer 3 bought once, 212 days before: BG/NBD's P(alive) for a one-time buyer is 1 however
    // long the silence, so the quiet-days rule judges them
    await seedStore(db, {
      customerIds: [1, 2, 3],
      orders: [...days.flatMap((day) => [{ customerId: 1, day, amountMinor: 50_000 }, { customerId: 2, day, amountMinor: 50_000 }]), { customerId: 3, day: '2019-12-01', amountMinor: 50_000 }],
    });
    const fitId = await onlyFit(db, '2020-06-30');
    // made today, about 2020-06-30: customer 1 is judged gone, customer 2 alive
    await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
      values (1, ${fitId}::bigint, 0.05, 0.1, 'high', '2020-06-30'), (2, ${fitId}::bigint, 0.95, 3, 'low', '2020-06-30'),
        (3, ${fitId}::bigint, 1, 0.2, 'low', '2020-06-30')`.execute(db);

    await analyze(db, { asOf: '2020-06-30' });
    const typesOn = async () => (await sql<{ customer_id: number; types: string[] }>`select customer_id, types from customer_type order by customer_id`.execute(db)).rows
      .map((row) => ({ customerId: Number(row.customer_id), lapsed: row.types.includes('lapsed') }));
    expect(await typesOn()).toEqual([{ customerId: 1, lapsed: true }, { customerId: 2, lapsed: false }, { customerId: 3, lapsed: true }]);
    const reasons = await sql<{ numbers: { lapsed: Record<string, unknown> } }>`select numbers from customer_type where customer_id in (1, 3) order by customer_id`.execute(db);
    expect(reasons.rows.map((row) => row.numbers.lapsed)).toEqual([
      { pAlive: 0.05, pAliveAsOf: '2020-06-30', lastPurchaseDay: '2020-06-16', purchaseDays: 8, pAliveBelow: 0.3, pAliveMinQuietDays: 0 },
      { lastPurchaseDay: '2019-12-01', quietDays: 180 },
    ]);

    // a day before the prediction's: it did not exist yet, and the quiet-days rule decides
    await analyze(db, { asOf: '2020-06-29' });
    expect(await typesOn()).toEqual([{ customerId: 1, lapsed: false }, { customerId: 2, lapsed: false }, { customerId: 3, lapsed: true }]);
  });
});

describeEachStore('predictions older than a customer\'s last purchase', (context) => {
  it('judges a customer who bought since the prediction by the quiet-days rule, and by P(alive) again once predicted after it', async () => {
    const { db } = context.store;
    // both bought monthly through 2020; customer 1 came back on the as-of day, customer 2 did not
    const days = Array.from({ length: 10 }, (_, index) => `2020-${String(index + 1).padStart(2, '0')}-05`);
    await seedStore(db, {
      customerIds: [1, 2],
      orders: [...days.flatMap((day) => [{ customerId: 1, day, amountMinor: 40_000 }, { customerId: 2, day, amountMinor: 40_000 }]), { customerId: 1, day: '2021-06-30', amountMinor: 40_000 }],
    });
    const fitId = await onlyFit(db, '2021-03-31');
    // as of 2021-03-31 both had been quiet for months: judged gone
    await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
      values (1, ${fitId}::bigint, 0.1, 0.1, 'high', '2021-03-31'), (2, ${fitId}::bigint, 0.1, 0.1, 'high', '2021-03-31')`.execute(db);

    await analyze(db, { asOf: '2021-06-30' });
    const types = async () => (await sql<{ customer_id: number; types: string[]; numbers: Record<string, unknown> }>`select customer_id, types, numbers from customer_type order by customer_id`.execute(db)).rows;
    const [comeBack, stayedAway] = await types();
    expect(comeBack.types).not.toContain('lapsed');
    expect(stayedAway.types).toContain('lapsed');
    // a fit without parameters to work P(alive) out again from: its stored value, three months old, is too old to judge by
    expect(stayedAway.numbers.lapsed).toEqual({ lastPurchaseDay: '2020-10-05', quietDays: 180, stalePredictionAsOf: '2021-03-31' });

    // a prediction that knows the purchase decides again
    await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
      values (1, ${fitId}::bigint, 0.2, 0.1, 'high', '2021-06-30') on conflict (customer_id) do update set p_alive = excluded.p_alive, as_of = excluded.as_of`.execute(db);
    // judged the day after: a customer who bought on the as-of day has not been quiet, whatever P(alive) says
    await analyze(db, { asOf: '2021-07-01' });
    expect((await types())[0].numbers.lapsed).toEqual({ pAlive: 0.2, pAliveAsOf: '2021-06-30', lastPurchaseDay: '2021-06-30', purchaseDays: 11, pAliveBelow: 0.3, pAliveMinQuietDays: 0 });
  });
});
