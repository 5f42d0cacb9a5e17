import { describe, expect, it } from 'vitest';
import { knownCurrencyCodes } from '../../core/money.js';
import { currenciesWrittenAs, isCurrencyCode } from './currency-symbols.js';

describe('currenciesWrittenAs', () => {
  it.each([
    ['€', ['EUR']], ['Rp', ['IDR']], ['RP', ['IDR']], ['US$', ['USD']], ['R$', ['BRL']], ['£', ['GBP', 'EGP', 'GIP', 'FKP', 'SHP']], ['zł', ['PLN']], ['Kč', ['CZK']],
    ['₹', ['INR']], ['₩', ['KRW']], ['₽', ['RUB']], ['₺', ['TRY']], ['₫', ['VND']], ['฿', ['THB']], ['Ls', ['LVL']], ['CHF', ['CHF']],
    ['eur', ['EUR']], ['IDR', ['IDR']], ['kr.', ['SEK', 'NOK', 'DKK', 'ISK']], ['¥', ['JPY', 'CNY']], ['lei', ['RON', 'MDL']],
  ])('reads %j as %j', (written, currencies) => {
    expect(currenciesWrittenAs(written)).toEqual(currencies);
  });

  it('reads a bare "$" as any dollar or peso, and "Rs" as any rupee', () => {
    expect(currenciesWrittenAs('$')).toEqual(expect.arrayContaining(['USD', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'MXN']));
    expect(currenciesWrittenAs('$')).not.toContain('EUR');
    expect(currenciesWrittenAs('Rs')).toEqual(expect.arrayContaining(['INR', 'PKR', 'LKR']));
  });

  it.each(['pcs', 'kg', 'US', 'A', '¢', '₿', 'XYZ', 'abc'])('knows no currency written %j', (written) => {
    expect(currenciesWrittenAs(written)).toBeUndefined();
  });

  it('tells ISO codes from symbols and local names', () => {
    expect(['USD', 'eur', 'CHF'].map(isCurrencyCode)).toEqual([true, true, true]);
    expect(['$', 'Rp', 'kr', 'lei', 'rmb'].map(isCurrencyCode)).toEqual([false, false, false, false, false]);
  });

  // The table is written out rather than derived from Intl at run time; this checks it against the
  // symbols Intl (CLDR) writes for every currency a store can hold, in English and the currencies' own locales.
  it('lists every symbol Intl writes for a store currency, with that currency', () => {
    const locales = ['en', 'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-NZ', 'en-SG', 'en-IN', 'en-ZA', 'id', 'lv', 'de', 'fr', 'ja', 'ko', 'vi', 'th',
      'fil', 'ms', 'sv', 'nb', 'da', 'is', 'pl', 'cs', 'hu', 'ro', 'bg', 'zh', 'zh-HK', 'zh-TW', 'pt-BR', 'es-MX', 'es-CL', 'de-CH', 'tr', 'uk', 'ru'];
    const markerShape = /^(?:\p{Sc}|\p{L}{1,3}\.?\p{Sc}?)$/u;
    const missing: string[] = [];
    for (const currency of knownCurrencyCodes) {
      for (const locale of locales) {
        for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
          const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1);
          const symbol = parts.find((part) => part.type === 'currency')!.value;
          if (markerShape.test(symbol) && !currenciesWrittenAs(symbol)?.includes(currency)) missing.push(`${currency} ${locale} ${symbol}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
