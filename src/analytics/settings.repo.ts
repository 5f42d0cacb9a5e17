import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export type StoreSettings = { currency: string; timezone: string; locale: string | null };

async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('store_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** The store's reporting currency and time zone; UTC and USD until the store is set up. */
export async function readStoreSettings(db: Kysely<Database>): Promise<StoreSettings> {
  const [currency, timezone, locale] = await Promise.all([readSetting(db, 'currency'), readSetting(db, 'timezone'), readSetting(db, 'locale')]);
  return {
    currency: typeof currency === 'string' ? currency : 'USD',
    timezone: typeof timezone === 'string' ? timezone : 'UTC',
    locale: typeof locale === 'string' ? locale : null,
  };
}

export async function readTypePolicySetting(db: Kysely<Database>): Promise<unknown> {
  return readSetting(db, 'type_policy');
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

/**
 * Whether the models' P(alive) predictions exist, and which column dates them
 * (so an as-of in the past never reads a prediction made after it).
 */
export async function findPredictionSource(db: Kysely<Database>): Promise<{ hasPrediction: boolean; datedBy: string | null }> {
  const result = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'customer_prediction' and column_name in ('customer_id', 'p_alive', 'as_of', 'predicted_at')`.execute(db);
  const names = new Set(result.rows.map((row) => row.column_name));
  return {
    hasPrediction: names.has('customer_id') && names.has('p_alive'),
    datedBy: names.has('as_of') ? 'as_of' : names.has('predicted_at') ? 'predicted_at' : null,
  };
}
