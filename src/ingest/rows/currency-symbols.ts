import { isKnownCurrency } from '../../core/money.js';

// Symbols and local names exports print beside amounts, as CLDR writes them (Intl.NumberFormat with
// currencyDisplay symbol or narrowSymbol) in the currencies' own locales and in English, with every
// ISO 4217 currency that writes each one: "$" alone may be any dollar or peso, "kr" any krona or
// krone, "¥" yen or yuan. Keys are lower case without a trailing dot ("kr." is "kr").
// Currencies the store cannot hold (LVL, the lats before the euro) are listed too: an amount in
// them is never in the row's currency, so it is rejected rather than read as one.
const dollars = ['USD', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'TWD', 'MXN', 'CLP', 'ARS', 'COP', 'UYU', 'BND', 'FJD', 'JMD', 'TTD', 'XCD'];
const pounds = ['GBP', 'EGP', 'GIP', 'FKP', 'SHP'];
const crowns = ['SEK', 'NOK', 'DKK', 'ISK'];
const rupees = ['INR', 'PKR', 'LKR', 'NPR', 'MUR', 'SCR'];
const rials = ['SAR', 'OMR', 'QAR', 'YER', 'IRR'];

const currenciesBySymbol: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['$', dollars], ['us$', ['USD']], ['a$', ['AUD']], ['au$', ['AUD']], ['c$', ['CAD', 'NIO']], ['ca$', ['CAD']], ['nz$', ['NZD']],
  ['s$', ['SGD']], ['sg$', ['SGD']], ['hk$', ['HKD']], ['nt$', ['TWD']], ['mx$', ['MXN']], ['cl$', ['CLP']], ['r$', ['BRL']],
  ['br$', ['BRL']], ['rd$', ['DOP']],
  ['€', ['EUR']], ['£', pounds], ['uk£', ['GBP']], ['e£', ['EGP']], ['¥', ['JPY', 'CNY']], ['￥', ['JPY', 'CNY']], ['jp¥', ['JPY']],
  ['cn¥', ['CNY']], ['円', ['JPY']], ['元', ['CNY', 'TWD']], ['rmb', ['CNY']], ['₩', ['KRW']], ['￦', ['KRW']], ['원', ['KRW']],
  ['₹', ['INR']], ['rs', rupees], ['₨', rupees], ['rp', ['IDR']], ['rm', ['MYR']], ['₱', ['PHP']], ['฿', ['THB']], ['₫', ['VND']],
  ['đ', ['VND']], ['₪', ['ILS']], ['₺', ['TRY']], ['tl', ['TRY']], ['₽', ['RUB']], ['руб', ['RUB']], ['₴', ['UAH']], ['грн', ['UAH']],
  ['лв', ['BGN']], ['zł', ['PLN']], ['kč', ['CZK']], ['ft', ['HUF']], ['lei', ['RON', 'MDL']], ['lej', ['RON']], ['レイ', ['RON']], ['l', ['RON', 'MDL', 'ALL', 'HNL', 'LSL']], ['kr', crowns], ['skr', ['SEK']],
  ['nkr', ['NOK']], ['dkr', ['DKK']], ['ikr', ['ISK']], ['fr', ['CHF', 'XOF', 'XAF', 'XPF']], ['sfr', ['CHF']], ['r', ['ZAR']],
  ['ls', ['LVL']], ['lt', ['LTL']], ['₦', ['NGN']], ['₵', ['GHS']], ['₸', ['KZT']], ['₾', ['GEL']], ['₼', ['AZN']], ['₡', ['CRC']],
  ['₲', ['PYG']], ['₭', ['LAK']], ['₮', ['MNT']], ['៛', ['KHR']], ['﷼', rials],
]);

/**
 * Every currency a symbol, local name or ISO code written beside an amount can stand for:
 * ["EUR"] for "€" or "eur", all the dollars for "$"; undefined when it is none we know ("pcs", "¢").
 */
export function currenciesWrittenAs(written: string): readonly string[] | undefined {
  const key = written.toLowerCase().replace(/\.$/, '');
  if (/^[a-z]{3}$/.test(key) && isKnownCurrency(key.toUpperCase())) return [key.toUpperCase()];
  return currenciesBySymbol.get(key);
}

/** Whether the written symbol or code is an ISO code (the amount names one currency) rather than a symbol. */
export function isCurrencyCode(written: string): boolean {
  return /^[a-z]{3}$/i.test(written) && isKnownCurrency(written.toUpperCase());
}
