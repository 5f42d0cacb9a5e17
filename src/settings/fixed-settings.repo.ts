import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isRunAlive } from '../ingest/import-runs.repo.js';

/** The settings every stored amount, day and phone number is read in: chosen when a store is created. */
export const setupSettings = ['currency', 'timeZone', 'defaultCountry'] as const;
export type SetupSetting = (typeof setupSettings)[number];

/** Why a setup setting can no longer change: what the store holds that was stored or read in it. */
export type FixedReasonCode = 'orders' | 'import_running' | 'product_prices' | 'money_segments' | 'recorded_times' | 'phone_numbers';
export type FixedReason = { code: FixedReasonCode; message: string; segments?: string[]; file?: string | null };
/** For each setup setting, why it is fixed, or null while it can change. */
export type FixedSettings = Record<SetupSetting, FixedReason | null>;

type Current = { currency: string; timeZone: string; defaultCountry: string };

/**
 * What fixes each setup setting, read so that a store with orders (nearly every store) pays two
 * index probes: the orders fix the currency and the time zone, and only the phone country is
 * looked at further. The settings page of every visit reads this, so each check stops at its
 * first row.
 */
export async function readFixedSettings(db: Kysely<Database>, current: Current): Promise<FixedSettings> {
  const first = (await sql<{ has_orders: boolean; running_file: string | null; is_running: boolean; has_phones: boolean }>`
    select exists (select 1 from customer_order) as has_orders,
      exists (select 1 from import_run r where ${isRunAlive('r')}) as is_running,
      (select r.file_name from import_run r where ${isRunAlive('r')} order by r.import_id desc limit 1) as running_file,
      exists (select 1 from customer_identity where kind = 'phone') as has_phones`.execute(db)).rows[0];
  // an import under way may be about to store any of them
  if (first.is_running) {
    const reason: FixedReason = {
      code: 'import_running', file: first.running_file,
      message: `an import is under way${first.running_file ? ` (${first.running_file})` : ''} and reads its rows in the settings it started with`,
    };
    return { currency: reason, timeZone: reason, defaultCountry: reason };
  }
  const defaultCountry: FixedReason | null = first.has_phones
    ? { code: 'phone_numbers', message: `the store holds phone numbers, and those written without a country code were read as ${current.defaultCountry} numbers` }
    : null;
  if (first.has_orders) {
    return {
      currency: { code: 'orders', message: `the store holds orders, whose amounts are stored in ${current.currency}` },
      timeZone: { code: 'orders', message: `the store holds orders, whose purchase days are counted in ${current.timeZone}` },
      defaultCountry,
    };
  }
  return { currency: await currencyFixedBy(db, current.currency), timeZone: await timeZoneFixedBy(db, current.timeZone), defaultCountry };
}

async function currencyFixedBy(db: Kysely<Database>, currency: string): Promise<FixedReason | null> {
  const row = (await sql<{ has_prices: boolean; money_segments: string[] }>`
    select exists (select 1 from product where unit_price_minor is not null) as has_prices,
      -- every money field of the filter language ends in _minor (revenue_minor, clv_minor, the measure amount_minor)
      coalesce((select array_agg(name order by name) from segment where filter::text like ${'%\\_minor"%'}), '{}') as money_segments`.execute(db)).rows[0];
  if (row.has_prices) return { code: 'product_prices', message: `the store holds product prices, stored in ${currency}` };
  if (row.money_segments.length > 0) {
    return {
      code: 'money_segments', segments: row.money_segments,
      message: `saved segments have amounts in ${currency}: ${row.money_segments.map((name) => `"${name}"`).join(', ')}`,
    };
  }
  return null;
}

/**
 * A time written without an offset in a file (an interest event, a customer's sign-up) was read in
 * the store's zone, and what was written is not kept: in another zone it would be another instant.
 * A customer's creation time may have come from a file when it is before the start of the import
 * that last wrote the customer: without one it is when the row was inserted, during that import,
 * unless a later import touched the customer again (then the zone is kept without need, the safe
 * side: the message says "may").
 */
async function timeZoneFixedBy(db: Kysely<Database>, timeZone: string): Promise<FixedReason | null> {
  const row = (await sql<{ has_times: boolean }>`
    select exists (select 1 from interest_event)
      or exists (select 1 from customer c join import_run r on r.import_id = c.import_id where c.created_at < r.started_at) as has_times`.execute(db)).rows[0];
  return row.has_times
    ? { code: 'recorded_times', message: `the store holds interest events or customers whose times may have been read in ${timeZone} (times written without an offset are read in the store's zone)` }
    : null;
}
