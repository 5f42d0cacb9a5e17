import { minorUnitsOf, isKnownCurrency } from '../../core/money.js';

/**
 * Formatters for one locale and store currency. Money arrives in integer minor
 * units; the exponent comes from the same ISO 4217 table the server uses
 * (IDR has none), so "Rp 4.310.000" is never shown as "Rp 43.100,00".
 */
export type Formatters = {
  number: (value: number, fractionDigits?: number) => string;
  compact: (value: number) => string;
  /** Minor units per major unit of the store currency (1 when unknown). */
  minorPerMajor: number;
  percent: (ratio: number, fractionDigits?: number) => string;
  money: (minor: number) => string;
  moneyCompact: (minor: number) => string;
  /** The store currency as `money` writes it in this language ("Rp" in Indonesian, "IDR" in English, "€"), for a chart axis's name; null without a currency. */
  currencySymbol: string | null;
  date: (iso: string | Date) => string;
  /** A date in digits ("04.12.2026"), for a table column of dates: the medium form ("2026. gada 4. dec.") wrapped in a narrow one. */
  numericDate: (iso: string | Date) => string;
  dateTime: (iso: string | Date) => string;
  month: (isoMonth: string) => string;
};

export function createFormatters(tag: string, currency: string | null, timeZone: string | undefined): Formatters {
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const knownCurrency = currency && isKnownCurrency(currency) ? currency : null;
  const digits = knownCurrency ? minorUnitsOf(knownCurrency) : 0;
  // Without the store's currency (not exposed by the API yet) amounts are shown as plain numbers, never with a guessed symbol.
  const moneyFormat = knownCurrency
    ? new Intl.NumberFormat(tag, { style: 'currency', currency: knownCurrency, minimumFractionDigits: digits, maximumFractionDigits: digits })
    : new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  // A currency's own minor digits (2 for EUR) would otherwise be the least shown, so an axis read "1,0 milj. €":
  // a compact amount shows its one decimal only when it is not zero ("1 milj. €", "1,5 milj. €").
  const moneyCompactFormat = knownCurrency
    ? new Intl.NumberFormat(tag, { style: 'currency', currency: knownCurrency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })
    : new Intl.NumberFormat(tag, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  // A bare calendar day ("2026-11-24") is already in the store's calendar: shown as written, never shifted by a time zone.
  const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const numericDateFormat = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone });
  const numericDayFormat = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    number: (value, fractionDigits = 0) => (fractionDigits === 0 ? numberFormat.format(value) : new Intl.NumberFormat(tag, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value)),
    minorPerMajor: 10 ** digits,
    compact: (value) => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }).format(value),
    // half away from zero on the decimal the ratio is written as (0.1285 → 12.9%); the API's shares come unrounded, so rounded once here
    percent: (ratio, fractionDigits = 1) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: fractionDigits, roundingMode: 'halfExpand' }).format(ratio),
    money: (minor) => moneyFormat.format(minor / 10 ** digits),
    moneyCompact: (minor) => moneyCompactFormat.format(minor / 10 ** digits),
    currencySymbol: knownCurrency ? moneyFormat.formatToParts(0).find((part) => part.type === 'currency')?.value ?? knownCurrency : null,
    date: (iso) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayFormat.format(new Date(`${iso}T00:00:00Z`)) : dateFormat.format(new Date(iso))),
    numericDate: (iso) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? numericDayFormat.format(new Date(`${iso}T00:00:00Z`)) : numericDateFormat.format(new Date(iso))),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    month: (isoMonth) => monthFormat.format(new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`)),
  };
}
