import { sql, type Kysely, type RawBuilder } from 'kysely';
import { lockStoreForTransaction, storeLockKeys } from '../db/lock-keys.js';
import { namedStatementMarker } from '../db/named-statements.js';
import type { Database } from '../db/schema.js';
import { storeDefaults } from '../core/store-defaults.js';
import type { VipCutoffs } from './customer-facts.js';

export type StoreSettings = { currency: string; timezone: string; locale: string | null };

export type PredictionSource = { hasPrediction: boolean; datedBy: string | null };

/**
 * What the caller knows of the as-of time before the store's time zone is
 * read: a calendar day, or an instant whose store-time-zone day is wanted.
 */
export type AsOfProbe = { day: string } | { instant: Date };

/** Everything an analysis reads from the store before it reads a customer, in one round trip. */
export type AnalysisSettings = {
  settings: StoreSettings;
  storedPolicy: unknown;
  prediction: PredictionSource;
  latestCutoffs: VipCutoffs;
  /** The policy the latest run recorded beside latestCutoffs, the one it found them by; null before the first run. */
  latestRunPolicy: unknown;
  /** The probe's day in the store's time zone, by the database's zone rules, and the end of that day; null without a probe. */
  asOf: AsOf | null;
};

function storeSettingsOf(currency: unknown, timezone: unknown, locale: unknown): StoreSettings {
  return {
    currency: typeof currency === 'string' ? currency : storeDefaults.currency,
    timezone: typeof timezone === 'string' ? timezone : storeDefaults.timeZone,
    locale: typeof locale === 'string' ? locale : null,
  };
}

/** The stored currency, time zone and locale as columns currency, timezone, locale (null when unset; storeSettingsOf gives the defaults). */
const storeSettingValues = sql`
  (select value from store_setting where key = 'currency') as currency,
  (select value from store_setting where key = 'timezone') as timezone,
  (select value from store_setting where key = 'locale') as locale`;

type SettingsRow = {
  currency: unknown; timezone: unknown; locale: unknown; type_policy: unknown; prediction_columns: string[] | null;
  run_policy: unknown; real_customer_count: number | null; vip_revenue_cutoff_minor: number | string | null; vip_frequency_cutoff: number | null;
  vip_revenue_reached_count: number | null; vip_frequency_reached_count: number | null;
  as_of_day: string | null; as_of_instant: Date | string | null;
};

/**
 * Store settings, the stored type policy, where P(alive) comes from, the last
 * full run's VIP cut-offs with the policy it recorded, and optionally the as-of day, as one row. The
 * catalog is read through to_regclass and pg_attribute, not
 * information_schema (whose views cost far more than an ingest batch on a
 * server with many schemas).
 */
function analysisSettingsQuery(probe: AsOfProbe | undefined): RawBuilder<SettingsRow> {
  const probeDay = probe && 'day' in probe ? probe.day : null;
  const probeInstant = probe && 'instant' in probe ? probe.instant : null;
  return sql<SettingsRow>`
    with setting as (
      select
        ${storeSettingValues},
        (select value from store_setting where key = 'type_policy') as type_policy
    ), as_of as (
      -- the zone the settings resolve to (the store default when none is stored), as storeSettingsOf does
      select day, ((day + 1)::timestamp at time zone zone) as instant from (
        select zone, coalesce(${probeDay}::date, (${probeInstant}::timestamptz at time zone zone)::date) as day
        from (select case when jsonb_typeof(timezone) = 'string' then timezone #>> '{}' else ${storeDefaults.timeZone}::text end as zone from setting) z
        where ${probe !== undefined}::boolean
      ) d
    )
    select r.policy as run_policy, r.real_customer_count, r.vip_revenue_cutoff_minor, r.vip_frequency_cutoff, r.vip_revenue_reached_count, r.vip_frequency_reached_count,
      s.currency, s.timezone, s.locale, s.type_policy,
      (select array_agg(attname::text) from pg_attribute
        where attrelid = to_regclass(quote_ident(current_schema()) || '.customer_prediction') and attnum > 0 and not attisdropped
          and attname in ('customer_id', 'p_alive', 'as_of', 'predicted_at')) as prediction_columns,
      (select to_char(day, 'YYYY-MM-DD') from as_of) as as_of_day, (select instant from as_of) as as_of_instant
    from setting s
    -- the last full run's VIP cut-offs, which the incremental path judges against, and the policy they were found by
    left join (select policy, real_customer_count, vip_revenue_cutoff_minor, vip_frequency_cutoff, vip_revenue_reached_count, vip_frequency_reached_count
      from analysis_run order by run_id desc limit 1) r on true`;
}

function analysisSettingsOf(row: SettingsRow): AnalysisSettings {
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
      revenueReachedCount: row.vip_revenue_reached_count ?? null,
      frequencyReachedCount: row.vip_frequency_reached_count ?? null,
    },
    latestRunPolicy: row.run_policy ?? null,
    asOf: row.as_of_day === null || row.as_of_instant === null ? null : { day: row.as_of_day, instant: new Date(row.as_of_instant) },
  };
}

/**
 * Everything an analysis reads from the store before it reads a customer, in
 * one statement, prepared once per session on the server: the ingest path
 * runs it per order batch.
 */
export async function readAnalysisSettings(db: Kysely<Database>, options: { asOf?: AsOfProbe } = {}): Promise<AnalysisSettings> {
  const result = await sql<SettingsRow>`${sql.raw(namedStatementMarker)} ${analysisSettingsQuery(options.asOf)}`.execute(db);
  return analysisSettingsOf(result.rows[0]);
}

/**
 * The same settings (without an as-of day) as one select-list item, for a
 * caller that reads something else from the store anyway and would rather not
 * pay a round trip for them: the ingest path, before an order batch. Read the
 * value with analysisSettingsFrom.
 */
export function analysisSettingsItem(): RawBuilder<unknown> {
  return sql`(select to_jsonb(settings_row) from (${analysisSettingsQuery(undefined)}) settings_row)`;
}

export function analysisSettingsFrom(value: unknown): AnalysisSettings {
  return analysisSettingsOf(value as SettingsRow);
}

/** Currency, time zone and locale alone: what a reader of stored types needs to word them. */
export async function readStoreSettings(db: Kysely<Database>): Promise<StoreSettings> {
  const result = await sql<{ currency: unknown; timezone: unknown; locale: unknown }>`select ${storeSettingValues}`.execute(db);
  const row = result.rows[0];
  return storeSettingsOf(row.currency, row.timezone, row.locale);
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

/**
 * Serialises type policy changes store-wide until the transaction ends (storeLockKeys.typePolicy,
 * across processes sharing the store): a change reads the policy in force, merges into it, stores
 * it and reclassifies everyone, and a change or an analysis of another process committing in
 * between would undo the first's thresholds or record a run of a policy no longer in force. The
 * transaction's first lock, so it never waits for it holding another (the customer merge lock, the
 * report cache's writer lock its first write takes, rows). Keyed by the store's schema as well (the
 * two-key form): advisory locks are server-wide, and stores in other schemas have policies of their own.
 */
export async function lockTypePolicy(db: Kysely<Database>): Promise<void> {
  await lockStoreForTransaction(db, storeLockKeys.typePolicy);
}

/**
 * Keeps type policy changes out until the transaction ends, letting other analyses in (they ran
 * side by side before the lock, taking rows in the same order): an analysis reads the policy after
 * it and records its run with it, so the latest run's policy and cut-offs are always the policy in
 * force. Taken first, as lockTypePolicy.
 */
export async function lockOutTypePolicyChanges(db: Kysely<Database>): Promise<void> {
  await lockStoreForTransaction(db, storeLockKeys.typePolicy, 'shared');
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
