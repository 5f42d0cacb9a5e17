import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';

const marksPredicting = '202612200100_model_fit_predicting.sql';

/** Fits stored before the migration: those the stored predictions name were made by predict; the rest cannot be told from explored ones. */
describeMigrationFromBefore('migration 202612200100: fits the stored predictions name are marked as predicting', marksPredicting, async (db) => {
  await sql`insert into customer (customer_id, name) values (1, 'buyer')`.execute(db);
  const insertFit = async (model: string) => (await sql<{ model_fit_id: number }>`
    insert into model_fit (model, unit, calibration_end, params, log_likelihood, converged, iterations, gradient_norm, bic, customers)
    values (${model}, 'week', '2026-12-03', '{}', 0, true, 1, 0, 0, 1) returning model_fit_id`.execute(db)).rows[0].model_fit_id;
  const explored = await insertFit('bgnbd');
  const predicting = await insertFit('bgnbd');
  const spend = await insertFit('gammagamma');
  await sql`insert into customer_prediction (customer_id, model_fit_id, spend_model_fit_id, p_alive, expected_purchases_90d, churn_risk, as_of)
    values (1, ${predicting}::bigint, ${spend}::bigint, 0.8, 0.9, 'low', '2026-12-03')`.execute(db);
  expect([explored, predicting, spend].map(Number)).toEqual([1, 2, 3]);
}, (context) => {
  it('marks the purchase and spend fits the predictions name, and leaves the others unmarked', async () => {
    const rows = await sql<{ model_fit_id: number; is_predicting: boolean }>`select model_fit_id, is_predicting from model_fit order by model_fit_id`.execute(context.store.db);
    expect(rows.rows.map((row) => [Number(row.model_fit_id), row.is_predicting])).toEqual([[1, false], [2, true], [3, true]]);
  });
});
