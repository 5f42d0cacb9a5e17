import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { isKnownCurrency } from '../core/money.js';
import { readCurrencyRates } from './settings.repo.js';
import { recordAudit } from '../auth/audit.js';
import { inTransaction } from '../db/in-transaction.js';
// a function of the module that re-exports this one: read when a rate is set, long after both have loaded
import { getStoreSettings } from './index.js';

export type CurrencyRate = { currency: string; rate: number };

/** What `currency_rate.rate_to_store` (numeric(20, 10), > 0) holds: a rate outside it would fail in the database. */
export const rateBounds = { min: 1e-10, below: 1e10 } as const;

/** Exchange rates into the store currency, by currency code. */
export async function listCurrencyRates(db: Kysely<Database>): Promise<CurrencyRate[]> {
  const rates = await readCurrencyRates(db);
  return [...rates].map(([currency, rate]) => ({ currency, rate })).sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Sets how many units of the store currency one unit of `currency` is worth,
 * for orders in that currency from now on (orders already stored keep their
 * amounts). Returns the rate it replaced, if any. The store currency itself takes none: its rate is 1.
 */
export async function setCurrencyRate(db: Kysely<Database>, currency: string, rate: number): Promise<CurrencyRate & { previousRate: number | null }> {
  const code = currency.toUpperCase();
  if (!isKnownCurrency(code)) throw new AppError('SETTINGS_CURRENCY_UNKNOWN', `"${currency}" is not a known ISO 4217 currency code.`, { field: 'currency' });
  // amounts in the store currency are stored as they are: a rate for it would be listed yet never used
  const storeCurrency = (await getStoreSettings(db)).currency;
  if (code === storeCurrency) {
    throw new AppError('SETTINGS_RATE_OF_STORE_CURRENCY', `${code} is the store currency, whose rate is always 1: set rates only for the other currencies orders come in.`, { field: 'currency' });
  }
  if (!(rate >= rateBounds.min && rate < rateBounds.below)) {
    throw new AppError('SETTINGS_RATE_INVALID', `The rate must be a number from ${rateBounds.min} to below ${rateBounds.below} (units of the store currency per one ${code}); got ${rate}.`, { field: 'rate' });
  }
  const previous = await db.selectFrom('currency_rate').select('rate_to_store').where('currency', '=', code).executeTakeFirst();
  const stored = await db.insertInto('currency_rate').values({ currency: code, rate_to_store: rate })
    .onConflict((conflict) => conflict.column('currency').doUpdateSet({ rate_to_store: rate, updated_at: sql`now()` }))
    .returning('rate_to_store').executeTakeFirstOrThrow();
  // as stored: the column keeps 10 decimal places
  return { currency: code, rate: Number(stored.rate_to_store), previousRate: previous ? Number(previous.rate_to_store) : null };
}

/**
 * Sets a rate as a person did, with its audit entry in the same transaction:
 * the API and the CLI alike (the CLI's changes went unrecorded).
 */
export async function changeCurrencyRate(db: Kysely<Database>, actor: string, currency: string, rate: number): Promise<CurrencyRate & { previousRate: number | null }> {
  return inTransaction(db, async (trx) => {
    const changed = await setCurrencyRate(trx, currency, rate);
    await recordAudit(trx, { actor, action: 'settings.rate.set', entity: 'store', entityId: `rate:${changed.currency}`, detail: changed });
    return changed;
  });
}
