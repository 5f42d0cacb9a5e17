import { currencyFormatter, formatMoney, minorUnitsOf } from '../core/money.js';

/**
 * How a store writes money (currency and locale, with the parts of a
 * formatted amount): what the sentences behind customer types and alerts are
 * worded with.
 */
export type MoneyFormat = {
  currency: string;
  locale: string;
  prefix: string;
  suffix: string;
  groupSeparator: string;
  decimalSeparator: string;
  fractionDigits: number;
};

const formatsByKey = new Map<string, MoneyFormat>();

/** Cached per currency and locale: formatToParts is not cheap, and the ingest path asks once per order batch. */
export function moneyFormatOf(currency: string, locale: string): MoneyFormat {
  const key = `${currency} ${locale}`;
  let format = formatsByKey.get(key);
  if (!format) {
    format = Object.freeze(moneyFormatAfresh(currency, locale));
    formatsByKey.set(key, format);
  }
  return format;
}

function moneyFormatAfresh(currency: string, locale: string): MoneyFormat {
  const fractionDigits = minorUnitsOf(currency);
  const parts = currencyFormatter(currency, locale).formatToParts(1234567.5);
  const firstNumber = parts.findIndex((part) => part.type === 'integer');
  const lastNumber = parts.findLastIndex((part) => part.type === 'integer' || part.type === 'fraction');
  return {
    currency,
    locale,
    prefix: parts.slice(0, firstNumber).map((part) => part.value).join(''),
    suffix: parts.slice(lastNumber + 1).map((part) => part.value).join(''),
    groupSeparator: parts.find((part) => part.type === 'group')?.value ?? '',
    decimalSeparator: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    fractionDigits,
  };
}

/** Indonesian stores read "Rp 4.310.000"; others get English formatting unless they set a locale. */
export function defaultLocaleFor(currency: string): string {
  return currency === 'IDR' ? 'id' : 'en';
}

export function formatMoneyWith(format: MoneyFormat, minor: number): string {
  return formatMoney(minor, format.currency, format.locale);
}
