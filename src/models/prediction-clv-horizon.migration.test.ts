import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';

const keepsHorizon = '202612100500_prediction_clv_horizon.sql';

/** Predictions stored before the migration: a BG/NBD one-time buyer's next purchase is cleared, the CLV horizon left unknown. */
describeMigrationFromBefore('migration 202612100500: CLV horizon kept, no next purchase without P(alive)', keepsHorizon, async (db) => {
  await sql`insert into customer (customer_id, name) values (1, 'once'), (2, 'twice')`.execute(db);
  const fit = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values ('bgnbd', 'week', '2026-12-03', '{}', 0, true, 1, 0, 0, 2) returning model_fit_id`.execute(db);
  const fitId = fit.rows[0].model_fit_id;
  await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, next_purchase_day, churn_risk, as_of) values
    (1, ${fitId}::bigint, null, 0.7, '2027-04-07', null, '2026-12-03'), (2, ${fitId}::bigint, 0.8, 0.9, '2027-01-10', 'low', '2026-12-03')`.execute(db);
}, (context) => {
  it('clears the next purchase where P(alive) is not estimated, keeps the rest, and leaves the horizon of old rows unknown', async () => {
    const rows = await sql<{ customer_id: number; next_purchase_day: unknown; clv_horizon_days: number | null }>`
      select customer_id, to_char(next_purchase_day, 'YYYY-MM-DD') as next_purchase_day, clv_horizon_days from customer_prediction order by customer_id`.execute(context.store.db);
    expect(rows.rows.map((row) => [Number(row.customer_id), row.next_purchase_day, row.clv_horizon_days])).toEqual([[1, null, null], [2, '2027-01-10', null]]);
  });
});
