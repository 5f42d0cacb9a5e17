import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FitResult } from './maximum-likelihood.js';
import type { ModelTables } from './models.tables.js';
import type { PurchaseColumns, TimeUnit } from './summaries.js';

// until the lead merges ModelTables into Database
const withModelTables = (db: Kysely<Database>) => db.withTables<ModelTables>();

/**
 * Purchase days up to `untilDay` (day number, inclusive) as columns sorted by
 * customer then day. Day numbers are computed in SQL (days since 1970-01-01)
 * so no driver turns a `date` into a local-time Date on the way.
 */
export async function loadPurchaseDays(db: Kysely<Database>, untilDay: number): Promise<PurchaseColumns> {
  const result = await sql<{ customer_id: number; day_number: number; amount_minor: number }>`
    select customer_id, (day - date '1970-01-01')::int as day_number, amount_minor
    from customer_purchase_day
    where day <= date '1970-01-01' + ${untilDay}::int
    order by customer_id, day`.execute(db);
  const rows = result.rows;
  const columns: PurchaseColumns = { customerIndex: new Float64Array(rows.length), day: new Int32Array(rows.length), amount: new Float64Array(rows.length) };
  for (let i = 0; i < rows.length; i++) {
    columns.customerIndex[i] = Number(rows[i].customer_id);
    columns.day[i] = Number(rows[i].day_number);
    columns.amount[i] = Number(rows[i].amount_minor);
  }
  return columns;
}

/** The store currency (`store_setting` 'currency', a JSON string), or null when unset. */
export async function findStoreCurrency(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('store_setting').select('value').where('key', '=', 'currency').executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : null;
}

export async function insertModelFit(db: Kysely<Database>, fit: FitResult<Record<string, number>>, unit: TimeUnit, calibrationEnd: string): Promise<number> {
  const row = await withModelTables(db)
    .insertInto('model_fit')
    .values({
      model: fit.model,
      unit,
      calibration_end: calibrationEnd,
      params: JSON.stringify(fit.params),
      penalty: fit.penalty,
      log_likelihood: fit.logLikelihood,
      converged: fit.converged,
      iterations: fit.iterations,
      gradient_norm: fit.gradientNorm,
      bic: fit.bic,
      customers: fit.customers,
    })
    .returning('model_fit_id')
    .executeTakeFirstOrThrow();
  return Number(row.model_fit_id);
}

export type PredictionColumns = {
  customerId: Float64Array;
  probabilityAlive: Float64Array;
  expectedPurchases90d: Float64Array;
  /** NaN → null */
  expectedSpendMinor: Float64Array;
  clvMinor: Float64Array;
  /** Day numbers; NaN → null */
  nextPurchaseDay: Float64Array;
  churnRisk: string[];
};

const chunkSize = 20_000;

/**
 * Replaces all predictions with these, in chunks of set-based
 * `insert … select from unnest(…)` statements (one round trip per chunk).
 * Run it inside the caller's transaction.
 */
export async function replaceCustomerPredictions(db: Kysely<Database>, predictions: PredictionColumns, modelFitId: number, spendModelFitId: number | null): Promise<void> {
  const tables = withModelTables(db);
  await tables.deleteFrom('customer_prediction').execute();
  const count = predictions.customerId.length;
  const nullable = (value: number): number | null => (Number.isFinite(value) ? Math.round(value) : null);
  for (let start = 0; start < count; start += chunkSize) {
    const end = Math.min(start + chunkSize, count);
    const ids: string[] = [];
    const alive: number[] = [];
    const purchases: number[] = [];
    const spend: (number | null)[] = [];
    const value: (number | null)[] = [];
    const nextDay: (number | null)[] = [];
    const risk: string[] = [];
    for (let i = start; i < end; i++) {
      ids.push(String(predictions.customerId[i]));
      alive.push(predictions.probabilityAlive[i]);
      purchases.push(predictions.expectedPurchases90d[i]);
      spend.push(nullable(predictions.expectedSpendMinor[i]));
      value.push(nullable(predictions.clvMinor[i]));
      nextDay.push(nullable(predictions.nextPurchaseDay[i]));
      risk.push(predictions.churnRisk[i]);
    }
    await sql`
      insert into customer_prediction
        (customer_id, model_fit_id, spend_model_fit_id, p_alive, expected_purchases_90d, expected_spend_minor, clv_minor, next_purchase_day, churn_risk)
      select id, ${modelFitId}::bigint, ${spendModelFitId}::bigint, alive, purchases, spend, value, date '1970-01-01' + next_day, risk
      from unnest(${ids}::bigint[], ${alive}::float8[], ${purchases}::float8[], ${spend}::bigint[], ${value}::bigint[], ${nextDay}::int[], ${risk}::text[])
        as input(id, alive, purchases, spend, value, next_day, risk)`.execute(db);
  }
}

export async function countCustomerPredictions(db: Kysely<Database>): Promise<{ churnRisk: string; customers: number }[]> {
  const rows = await withModelTables(db).selectFrom('customer_prediction').select(['churn_risk', (eb) => eb.fn.countAll<number>().as('customers')]).groupBy('churn_risk').orderBy('churn_risk').execute();
  return rows.map((row) => ({ churnRisk: row.churn_risk, customers: Number(row.customers) }));
}
