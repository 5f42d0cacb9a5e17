import { AppError } from './errors.js';

/**
 * ISO 4217 minor-unit exponents for the currencies we accept. Amounts are stored
 * as integer minor units (IDR has none, EUR two) so sums never drift.
 */
const minorUnitsByCurrency: Record<string, number> = {
  IDR: 0, JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, HUF: 2,
  EUR: 2, USD: 2, GBP: 2, AUD: 2, CAD: 2, NZD: 2, SGD: 2, MYR: 2, THB: 2, PHP: 2,
  CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, RON: 2, BGN: 2, INR: 2, CNY: 2,
  HKD: 2, TWD: 2, BRL: 2, MXN: 2, ZAR: 2, AED: 2, SAR: 2, TRY: 2, UAH: 2, RUB: 2,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3,
};

export function isKnownCurrency(code: string): boolean {
  return code in minorUnitsByCurrency;
}

export function minorUnitsOf(currency: string): number {
  const units = minorUnitsByCurrency[currency];
  if (units === undefined) {
    throw new AppError('MONEY_CURRENCY_UNKNOWN', `Unknown currency "${currency}". Use an ISO 4217 code such as IDR, EUR or USD.`, { field: 'currency' });
  }
  return units;
}

/**
 * Converts a decimal amount in major units to integer minor units, rounding half
 * away from zero at the currency's precision (prices like 2.55 must not become 254).
 */
export function toMinorUnits(amount: number, currency: string): number {
  const factor = 10 ** minorUnitsOf(currency);
  const scaled = amount * factor;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
  return rounded === 0 ? 0 : rounded;
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitsOf(currency);
}

/** Formats minor units for people, e.g. "Rp 4.310.000" in Indonesian or "€1,234.50" in English. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  return currencyFormatter(currency, locale).format(fromMinorUnits(minor, currency));
}

// Building an Intl.NumberFormat costs far more than formatting with one, and a store has one currency.
const currencyFormatters = new Map<string, Intl.NumberFormat>();

/** The formatter for a currency in a locale, made once per process. */
export function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${currency} ${locale}`;
  let formatter = currencyFormatters.get(key);
  if (!formatter) {
    const digits = minorUnitsOf(currency);
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    currencyFormatters.set(key, formatter);
  }
  return formatter;
}

/** ISO 4217 codes the product can store (those whose number of minor units it knows). */
export const knownCurrencyCodes: ReadonlySet<string> = new Set(Object.keys(minorUnitsByCurrency));
