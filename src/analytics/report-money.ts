import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { storeHasPrices } from './order-prices.repo.js';

/**
 * What every report with amounts says beside them: the currency they are minor units of, and whether
 * the orders carry prices at all. Without the first a reader of the JSON guessed what 761093 was; without
 * the second a data set without prices (every amount 0) read as a store that sold nothing.
 */
export type ReportMoney = { currency: string; hasPrices: boolean };

export const reportMoneyShape = {
  currency: z.string().describe('The store currency, an ISO 4217 code (EUR, IDR): every amount named …Minor is in its minor units (cents for EUR; IDR has none)'),
  hasPrices: z.boolean().describe('False when the store has orders but none carries an amount (a data set without prices, such as Groceries): its revenue figures of 0 then mean not recorded, not nothing sold. True before the first order'),
};

export async function reportMoneyOf(db: Kysely<Database>): Promise<ReportMoney> {
  const { currency } = await getStoreSettings(db);
  return { currency, hasPrices: await storeHasPrices(db) };
}

export async function withReportMoney<Report extends object>(db: Kysely<Database>, report: Report): Promise<ReportMoney & Report> {
  return { ...(await reportMoneyOf(db)), ...report };
}
