import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';

const clearsOneTimers = '202612060100_prediction_not_estimated.sql';

/** Predictions stored before the migration: BG/NBD's P(alive) = 1 for one-time buyers is cleared, the rest kept. */
describeMigrationFromBefore('migration 202612060100: BG/NBD one-time buyers not estimated', clearsOneTimers, async (db) => {
  await sql`insert into customer (customer_id, name) values (1, 'once'), (2, 'twice'), (3, 'once, Pareto'), (4, 'once then, twice now')`.execute(db);
  await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor) values
    (1, '2026-01-05', 1, 100), (2, '2026-01-05', 1, 100), (2, '2026-02-05', 1, 100), (3, '2026-01-05', 1, 100),
    (4, '2026-01-05', 1, 100), (4, '2026-05-05', 1, 100)`.execute(db);
  const fits = await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values ('bgnbd', 'week', '2026-03-31', '{}', 0, true, 1, 0, 0, 4), ('paretonbd', 'week', '2026-03-31', '{}', 0, true, 1, 0, 0, 4) returning model_fit_id`.execute(db);
  const [bgNbd, pareto] = fits.rows.map((row) => row.model_fit_id);
  await sql`insert into customer_prediction (customer_id, model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of) values
    (1, ${bgNbd}::bigint, 1, 0.2, 'low', '2026-03-31'), (2, ${bgNbd}::bigint, 0.8, 0.9, 'low', '2026-03-31'),
    (3, ${pareto}::bigint, 0.4, 0.2, 'medium', '2026-03-31'), (4, ${bgNbd}::bigint, 1, 0.2, 'low', '2026-03-31')`.execute(db);
}, (context) => {
  it('clears P(alive) and churn risk of customers with one purchase day by the prediction\'s day, under BG/NBD only', async () => {
    const rows = await sql<{ customer_id: number; p_alive: number | null; churn_risk: string | null }>`
      select customer_id, p_alive, churn_risk from customer_prediction order by customer_id`.execute(context.store.db);
    expect(rows.rows.map((row) => [Number(row.customer_id), row.p_alive, row.churn_risk])).toEqual([
      [1, null, null], [2, 0.8, 'low'], [3, 0.4, 'medium'], [4, null, null],
    ]);
  });
});
