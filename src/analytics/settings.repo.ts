import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { VipCutoffs } from './customer-facts.js';

export type StoreSettings = { currency: string; timezone: string; locale: string | null };

export type PredictionSource = { hasPrediction: boolean; datedBy: string | null };

/** Everything an analysis reads from the store before it reads a customer, in one round trip. */
export type AnalysisSettings = { settings: StoreSettings; storedPolicy: unknown; prediction: PredictionSource; latestCutoffs: VipCutoffs };

function storeSettingsOf(currency: unknown, timezone: unknown, locale: unknown): StoreSettings {
  return {
    currency: typeof currency === 'string' ? currency : 'USD',
    timezone: typeof timezone === 'string' ? timezone : 'UTC',
    locale: typeof locale === 'string' ? locale : null,
  };
}

/**
 * Store settings, the stored type policy and where P(alive) comes from. One
 * statement, because the ingest path runs this per order batch: the catalog is
 * read through to_regclass and pg_attribute, not information_schema (whose
 * views cost far more than the batch itself on a server with many schemas).
 */
export async function readAnalysisSettings(db: Kysely<Database>): Promise<AnalysisSettings> {
  const result = await sql<{
    currency: unknown; timezone: unknown; locale: unknown; type_policy: unknown; prediction_columns: string[] | null;
    real_customer_count: number | null; vip_revenue_cutoff_minor: number | null; vip_frequency_cutoff: number | null;
  }>`
    select r.real_customer_count, r.vip_revenue_cutoff_minor, r.vip_frequency_cutoff,
      (select value from store_setting where key = 'currency') as currency,
      (select value from store_setting where key = 'timezone') as timezone,
      (select value from store_setting where key = 'locale') as locale,
      (select value from store_setting where key = 'type_policy') as type_policy,
      (select array_agg(attname::text) from pg_attribute
        where attrelid = to_regclass(quote_ident(current_schema()) || '.customer_prediction') and attnum > 0 and not attisdropped
          and attname in ('customer_id', 'p_alive', 'as_of', 'predicted_at')) as prediction_columns
    -- the last full run's VIP cut-offs, which the incremental path judges against
    from (select 1) one
    left join (select real_customer_count, vip_revenue_cutoff_minor, vip_frequency_cutoff from analysis_run order by run_id desc limit 1) r on true`.execute(db);
  const row = result.rows[0];
  const names = new Set(row.prediction_columns ?? []);
  return {
    settings: storeSettingsOf(row.currency, row.timezone, row.locale),
    storedPolicy: row.type_policy ?? null,
    prediction: {
      hasPrediction: names.has('customer_id') && names.has('p_alive'),
      datedBy: names.has('as_of') ? 'as_of' : names.has('predicted_at') ? 'predicted_at' : null,
    },
    latestCutoffs: {
      realCustomerCount: row.real_customer_count ?? 0,
      revenueCutoffMinor: row.vip_revenue_cutoff_minor === null ? null : Number(row.vip_revenue_cutoff_minor),
      frequencyCutoff: row.vip_frequency_cutoff,
    },
  };
}

/** The store's reporting currency and time zone; UTC and USD until the store is set up. */
export async function readStoreSettings(db: Kysely<Database>): Promise<StoreSettings> {
  return (await readAnalysisSettings(db)).settings;
}

export async function readTypePolicySetting(db: Kysely<Database>): Promise<unknown> {
  const row = await db.selectFrom('store_setting').select('value').where('key', '=', 'type_policy').executeTakeFirst();
  return row?.value ?? null;
}

export async function writeTypePolicySetting(db: Kysely<Database>, policy: unknown): Promise<void> {
  await db.insertInto('store_setting')
    .values({ key: 'type_policy', value: JSON.stringify(policy) })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(policy), updated_at: sql`now()` }))
    .execute();
}

export type AsOf = { day: string; instant: Date };

/**
 * As-of is a calendar day in the store's time zone: everything up to the end of
 * that day counts, so "as of 1998-06-30" includes that day's orders.
 */
export async function resolveAsOfDay(db: Kysely<Database>, day: string, timezone: string): Promise<AsOf> {
  const result = await sql<{ instant: Date }>`select ((${day}::date + 1)::timestamp at time zone ${timezone}::text) as instant`.execute(db);
  return { day, instant: new Date(result.rows[0].instant) };
}
