import { sql, type Kysely } from 'kysely';
import { lockStoreForTransaction, storeLockKeys } from '../db/lock-keys.js';
import type { Database } from '../db/schema.js';
import { findLaterCredits, purchaseDaysAsOf } from '../traits/index.js';
import type { FitResult } from './maximum-likelihood.js';
import type { SpendNotEstimated } from './models.tables.js';
import type { PurchaseColumns, TimeUnit } from './summaries.js';


/**
 * Purchase days up to `untilDay` (day number, inclusive) as columns sorted by
 * customer then day. Day numbers are computed in SQL (days since 1970-01-01)
 * so no driver turns a `date` into a local-time Date on the way.
 * Why pages of text: at 10M rows one object per row (driver row, then Kysely
 * row) costs more than the models themselves; here each keyset page on the
 * primary key (customer_id, day) comes back as one string that is parsed
 * straight into typed arrays, and memory stays at one page plus the columns.
 */
export async function loadPurchaseDays(db: Kysely<Database>, untilDay: number, options: { pageRows?: number; timeZone?: string } = {}): Promise<PurchaseColumns> {
  const pageRows = options.pageRows ?? 250_000;
  // with the store's zone, amounts as of the end of untilDay: a later credit note has given nothing back by then
  const laterCredits = options.timeZone === undefined ? null : await findLaterCredits(db, await endOfDayNumber(db, untilDay, options.timeZone));
  const days = purchaseDaysAsOf(laterCredits, options.timeZone ?? 'UTC');
  const columns = createGrowableColumns();
  let after: { customer: number; day: number } | null = null;
  for (;;) {
    const keyset = after ? sql`and (customer_id, day) > (${after.customer}::bigint, date '1970-01-01' + ${after.day}::int)` : sql``;
    const result = await sql<{ rows: number; page: string | null }>`
      select count(*)::int as rows,
        string_agg(customer_id::text || ' ' || day_number::text || ' ' || amount_minor::text, ' ' order by customer_id, day_number) as page
      from (
        select customer_id, (day - date '1970-01-01')::int as day_number, amount_minor
        from ${days} d
        where day <= date '1970-01-01' + ${untilDay}::int ${keyset}
        order by customer_id, day
        limit ${pageRows}
      ) as page_rows`.execute(db);
    const { rows, page } = result.rows[0];
    if (!page || rows === 0) break;
    columns.append(page, rows);
    after = columns.lastKey();
    if (rows < pageRows) break;
  }
  return columns.finish();
}

/** The end of a day (days since 1970-01-01) in the zone: the first instant of the next. */
async function endOfDayNumber(db: Kysely<Database>, dayNumber: number, timeZone: string): Promise<Date> {
  const result = await sql<{ instant: Date }>`select ((date '1970-01-01' + ${dayNumber + 1}::int)::timestamp at time zone ${timeZone}::text) as instant`.execute(db);
  return new Date(result.rows[0].instant);
}

/** Typed columns that grow by doubling; `append` parses "customer day amount" triples separated by spaces. */
function createGrowableColumns() {
  let capacity = 1024;
  let length = 0;
  let customerIndex = new Float64Array(capacity);
  let day = new Int32Array(capacity);
  let amount = new Float64Array(capacity);
  const grow = (needed: number): void => {
    if (needed <= capacity) return;
    while (capacity < needed) capacity *= 2;
    const larger = { customerIndex: new Float64Array(capacity), day: new Int32Array(capacity), amount: new Float64Array(capacity) };
    larger.customerIndex.set(customerIndex.subarray(0, length));
    larger.day.set(day.subarray(0, length));
    larger.amount.set(amount.subarray(0, length));
    ({ customerIndex, day, amount } = larger);
  };
  return {
    append(page: string, rows: number): void {
      grow(length + rows);
      let position = 0;
      // one (possibly negative) integer, then skip its separator
      const next = (): number => {
        const start = position;
        const isNegative = page.charCodeAt(position) === 45;
        if (isNegative) position++;
        let value = 0;
        for (let code = page.charCodeAt(position); code >= 48 && code <= 57; code = page.charCodeAt(++position)) value = value * 10 + (code - 48);
        if (position === start + (isNegative ? 1 : 0)) throw new Error(`not an integer at ${start} of a purchase page`);
        position++;
        return isNegative ? -value : value;
      };
      for (let row = 0; row < rows; row++) {
        customerIndex[length] = next();
        day[length] = next();
        amount[length++] = next();
      }
    },
    lastKey: () => ({ customer: customerIndex[length - 1], day: day[length - 1] }),
    finish: (): PurchaseColumns => ({ customerIndex: customerIndex.slice(0, length), day: day.slice(0, length), amount: amount.slice(0, length) }),
  };
}

/** The store currency (`store_setting` 'currency', a JSON string), or null when unset. */
export async function findStoreCurrency(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('store_setting').select('value').where('key', '=', 'currency').executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : null;
}

/** The store's first purchase day ('YYYY-MM-DD', text so no driver shifts it into a local-time Date), or null before any purchase. */
export async function findFirstPurchaseDay(db: Kysely<Database>): Promise<string | null> {
  const result = await sql<{ day: string | null }>`select to_char(min(day), 'YYYY-MM-DD') as day from customer_purchase_day`.execute(db);
  return result.rows[0]?.day ?? null;
}

/** Records a fit; `isPredicting` when predictions are made from it (see the is_predicting column). */
export async function insertModelFit(
  db: Kysely<Database>, fit: FitResult<Record<string, number>>, unit: TimeUnit, calibrationEnd: string, isPredicting = false,
): Promise<number> {
  const row = await db
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
      is_predicting: isPredicting,
    })
    .returning('model_fit_id')
    .executeTakeFirstOrThrow();
  return Number(row.model_fit_id);
}

/**
 * Makes runs that store fits and predictions take turns, in every process on the store, until the
 * transaction `trx` ends. Two at once each deleted the predictions they saw and inserted their own:
 * the second's insert met the rows the first had committed meanwhile (duplicate key
 * "customer_prediction_pkey"). In turn, the second sees them, deletes them and stores its own.
 */
export async function lockModelRuns(trx: Kysely<Database>): Promise<void> {
  await lockStoreForTransaction(trx, storeLockKeys.modelRun);
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
  churnRisk: (string | null)[];
  /** Why spend and CLV are not predicted (NaN); null where they are. */
  spendNotEstimated: (SpendNotEstimated | null)[];
};

const chunkSize = 20_000;

/**
 * Replaces all predictions with these, in chunks of set-based
 * `insert … select from unnest(…)` statements (one round trip per chunk).
 * Run it inside the caller's transaction.
 */
export async function replaceCustomerPredictions(
  db: Kysely<Database>, predictions: PredictionColumns, modelFitId: number, spendModelFitId: number | null, run: { asOfDay: string; clvHorizonDays: number; clvDiscountRate: number; clvPeriodDays: number },
): Promise<void> {
  const tables = db;
  await tables.deleteFrom('customer_prediction').execute();
  const count = predictions.customerId.length;
  const nullable = (value: number): number | null => (Number.isFinite(value) ? Math.round(value) : null);
  for (let start = 0; start < count; start += chunkSize) {
    const end = Math.min(start + chunkSize, count);
    const ids: string[] = [];
    const alive: (number | null)[] = [];
    const purchases: number[] = [];
    const spend: (number | null)[] = [];
    const value: (number | null)[] = [];
    const nextDay: (number | null)[] = [];
    const risk: (string | null)[] = [];
    const noSpend: (string | null)[] = [];
    for (let i = start; i < end; i++) {
      ids.push(String(predictions.customerId[i]));
      alive.push(Number.isFinite(predictions.probabilityAlive[i]) ? predictions.probabilityAlive[i] : null);
      purchases.push(predictions.expectedPurchases90d[i]);
      spend.push(nullable(predictions.expectedSpendMinor[i]));
      value.push(nullable(predictions.clvMinor[i]));
      nextDay.push(nullable(predictions.nextPurchaseDay[i]));
      risk.push(predictions.churnRisk[i]);
      noSpend.push(predictions.spendNotEstimated[i]);
    }
    await sql`
      insert into customer_prediction
        (customer_id, model_fit_id, spend_model_fit_id, p_alive, expected_purchases_90d, expected_spend_minor, clv_minor, clv_horizon_days, clv_discount_rate, clv_period_days, spend_not_estimated, next_purchase_day, churn_risk, as_of)
      select id, ${modelFitId}::bigint, ${spendModelFitId}::bigint, alive, purchases, spend, value, ${run.clvHorizonDays}::int, ${run.clvDiscountRate}::float8, ${run.clvPeriodDays}::float8,
        no_spend, date '1970-01-01' + next_day, risk, ${run.asOfDay}::date
      from unnest(${ids}::bigint[], ${alive}::float8[], ${purchases}::float8[], ${spend}::bigint[], ${value}::bigint[], ${nextDay}::int[], ${risk}::text[], ${noSpend}::text[])
        as input(id, alive, purchases, spend, value, next_day, risk, no_spend)`.execute(db);
  }
}

/** Customers per churn risk; null: not estimated (BG/NBD one-time buyers). */
export async function countCustomerPredictions(db: Kysely<Database>): Promise<{ churnRisk: string | null; customers: number }[]> {
  const rows = await db.selectFrom('customer_prediction').select(['churn_risk', (eb) => eb.fn.countAll<number>().as('customers')]).groupBy('churn_risk').orderBy('churn_risk').execute();
  return rows.map((row) => ({ churnRisk: row.churn_risk, customers: Number(row.customers) }));
}

/**
 * A customer's stored prediction, or undefined. Its days (as_of, next_purchase_day) come back as
 * the calendar days they are, YYYY-MM-DD, written in SQL: read as a Date, a day is an instant at
 * midnight UTC (or local), which a client west of UTC reads as the day before.
 */
export async function findCustomerPrediction(db: Kysely<Database>, customerId: number) {
  return db.selectFrom('customer_prediction')
    .select([
      'customer_id', 'model_fit_id', 'spend_model_fit_id', 'p_alive', 'expected_purchases_90d', 'expected_spend_minor', 'clv_minor',
      'clv_horizon_days', 'clv_discount_rate', 'clv_period_days', 'spend_not_estimated',
      sql<string | null>`to_char(next_purchase_day, 'YYYY-MM-DD')`.as('next_purchase_day'), 'churn_risk',
      sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of'), 'predicted_at',
    ])
    .where('customer_id', '=', customerId).executeTakeFirst();
}
