import { calendarDayIn } from '../core/clock.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Config } from '../core/config.js';
import { storeDefaults } from '../core/store-defaults.js';
import { initialiseSettings, readCurrencyRates, readSettings, writeSetting } from './settings.repo.js';

/** The store's own settings: they define money, calendar days and phone parsing for all its data. */
export type StoreSettings = {
  name: string;
  currency: string;
  timeZone: string;
  defaultCountry: string;
  /** Set when the data is the synthetic demo; shown on every surface. */
  isSynthetic: boolean;
  /** Reports on a static data set run as of its end rather than today. */
  dataAsOf: string | null;
  demoDataset: string | null;
};

/** The day reports default to: a static data set's last day, else today, in the store's time zone. */
export function defaultAsOfDay(settings: Pick<StoreSettings, 'dataAsOf' | 'timeZone'>, now: Date): string {
  return calendarDayIn(settings.dataAsOf ? new Date(settings.dataAsOf) : now, settings.timeZone);
}

/**
 * The instant a store is judged at when no as-of is asked for: a static data set's end (its last day,
 * to its last moment), else now. Relative dates ("the last 90 days") and days since a purchase are
 * counted back from it, as the reports' default day is.
 */
export function storeNowOf(settings: Pick<StoreSettings, 'dataAsOf'>, now: Date): Date {
  return settings.dataAsOf ? new Date(settings.dataAsOf) : now;
}

export async function storeNow(db: Kysely<Database>, clock: { now(): Date }): Promise<Date> {
  return storeNowOf(await getStoreSettings(db), clock.now());
}

/**
 * Gives a store its settings the first time it is opened, from the environment (CLIENTELE_CURRENCY,
 * CLIENTELE_TIMEZONE, CLIENTELE_DEFAULT_COUNTRY) or the defaults; `isNew` says this was that time.
 */
export async function ensureStoreSettings(db: Kysely<Database>, config: Pick<Config, 'currency' | 'timeZone' | 'defaultCountry'>): Promise<{ settings: StoreSettings; isNew: boolean }> {
  const set = await initialiseSettings(db, {
    // Empty rather than an English word: each surface shows its own placeholder until the store is named.
    name: '',
    currency: config.currency,
    timezone: config.timeZone,
    default_country: config.defaultCountry,
    is_synthetic: false,
    data_as_of: null,
    demo_dataset: null,
  });
  return { settings: await getStoreSettings(db), isNew: set.includes('currency') };
}

export async function getStoreSettings(db: Kysely<Database>): Promise<StoreSettings> {
  const raw = await readSettings(db);
  return {
    name: String(raw.name ?? ''),
    currency: String(raw.currency ?? storeDefaults.currency),
    timeZone: String(raw.timezone ?? storeDefaults.timeZone),
    defaultCountry: String(raw.default_country ?? storeDefaults.defaultCountry),
    isSynthetic: raw.is_synthetic === true,
    dataAsOf: typeof raw.data_as_of === 'string' ? raw.data_as_of : null,
    demoDataset: typeof raw.demo_dataset === 'string' ? raw.demo_dataset : null,
  };
}

export async function updateStoreSettings(db: Kysely<Database>, changes: Partial<Record<'name' | 'currency' | 'timezone' | 'default_country' | 'is_synthetic' | 'data_as_of' | 'demo_dataset', unknown>>): Promise<StoreSettings> {
  for (const [key, value] of Object.entries(changes)) await writeSetting(db, key, value);
  return getStoreSettings(db);
}

export { readCurrencyRates, readSettings, writeSetting };

export { listCurrencyRates, setCurrencyRate, type CurrencyRate } from './currency-rates.service.js';
