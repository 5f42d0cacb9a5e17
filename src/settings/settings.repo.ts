import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function readSettings(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('store_setting').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('store_setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}

/** Inserts only keys that are not set yet, so a restart never overrides a store's own settings; returns the keys it set. */
export async function initialiseSettings(db: Kysely<Database>, defaults: Record<string, unknown>): Promise<string[]> {
  const values = Object.entries(defaults).map(([key, value]) => ({ key, value: JSON.stringify(value) }));
  if (values.length === 0) return [];
  const inserted = await db.insertInto('store_setting').values(values).onConflict((conflict) => conflict.column('key').doNothing()).returning('key').execute();
  return inserted.map((row) => row.key);
}

export async function readCurrencyRates(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('currency_rate').select(['currency', 'rate_to_store']).execute();
  return new Map(rows.map((row) => [row.currency.trim(), Number(row.rate_to_store)]));
}
