import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';

const keepsDiscount = '202612240100_prediction_clv_discount.sql';

/** A prediction stored before the migration: its discount rate, period and the reason for a missing spend stay unknown. */
describeMigrationFromBefore('migration 202612240100: CLV discount rate and the reason for no spend kept with each prediction', keepsDiscount, async (db) => {
  await sql`insert into customer (customer_id, name) values (1, 'free orders only')`.execute(db);
  const fit = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values ('bgnbd', 'week', '2026-12-03', '{}', 0, true, 1, 0, 0, 1) returning model_fit_id`.execute(db);
  await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, expected_spend_minor, clv_minor, clv_horizon_days, churn_risk, as_of)
    values (1, ${fit.rows[0].model_fit_id}::bigint, 0.8, 0.9, null, null, 365, 'low', '2026-12-03')`.execute(db);
}, (context) => {
  it('leaves the rate, period and reason of older rows null, and takes only the known reasons', async () => {
    const { db } = context.store;
    const rows = await sql<{ clv_discount_rate: number | null; clv_period_days: number | null; spend_not_estimated: string | null; clv_horizon_days: number }>`
      select clv_discount_rate, clv_period_days, spend_not_estimated, clv_horizon_days from customer_prediction`.execute(db);
    expect(rows.rows).toEqual([{ clv_discount_rate: null, clv_period_days: null, spend_not_estimated: null, clv_horizon_days: 365 }]);
    await sql`update customer_prediction set clv_discount_rate = 0.015, clv_period_days = 30, spend_not_estimated = 'free_purchases_only'`.execute(db);
    const updated = await sql<{ rate: number }>`select clv_discount_rate as rate from customer_prediction`.execute(db);
    expect(updated.rows[0].rate).toBe(0.015);
    await expect(sql`update customer_prediction set spend_not_estimated = 'unknown'`.execute(db)).rejects.toThrow();
  });
});
