import { minorUnitsOf, toMinorUnits } from '../../core/money.js';
import type { RejectParams } from '../reject-codes.js';
import { currenciesWrittenAs, isCurrencyCode } from './currency-symbols.js';
import { fail } from './row-problem.js';

// Digits with at most two decimals after a dot ("45000", "12.50") read the same whatever the
// currency: never negative, never a thousands separator (that needs three digits after it),
// never above the 1e13 limit. Most exports write amounts this way.
const plainDecimal = /^\d{1,13}(?:\.\d{1,2})?$/;

// How JavaScript and JSON write numbers: a JSON 200000 may arrive as "2e5", 1e21 as "1e+21".
// Read whole, never as separators: "1.234e3" is 1234 whatever the currency's decimals.
const exponentNotation = /^[-+\u2212]?\d+(?:\.\d+)?e[-+]?\d+$/i;

// A currency symbol (€, $), or a code or local name (IDR, Rp, kr., US$), before or after the
// number; a sign before or after the symbol, or a trailing minus (12.50-), or parentheses. Spaces
// are collapsed to one first, so each optional space is one choice and the pattern cannot backtrack
// at length. Anything else beside the digits ("12abc34", "2e5 kg") does not match.
const marker = String.raw`(?:\p{Sc}|\p{L}{1,3}\.?\p{Sc}?)`;
const writtenAmount = new RegExp(
  String.raw`^(\()? ?([-+\u2212])? ?(${marker})? ?([-+\u2212])? ?([\d.,](?:[\d.,' \u2019]*[\d.,])?) ?(${marker})? ?(-)? ?(\))?$`,
  'u',
);

// "12.500,-" (Indonesian, German) and "12.--" (Swiss) are amounts with no cents, the dash where
// the decimals would be: read as "12.500,00", never as a trailing minus making the amount negative.
// Only right after a decimal separator and at the end of the number, so "12.50-" stays negative.
const noCents = /(\d)([.,])(?:--?|[\u2012\u2013\u2014])(?= |\)|\p{Sc}|\p{L}|$)/u;

// Beyond the 1e13 limit: AMOUNT_TOO_LARGE, not unreadable.
const tooLarge = 'is too large';

// One separator before exactly three digits, read where it may not be taken for thousands (refuseAmbiguous): AMOUNT_AMBIGUOUS.
const ambiguous = 'is ambiguous';

/**
 * How an amount's text is read. `refuseAmbiguous`: one dot or comma followed by exactly three digits
 * ("12.345", "1,000") is refused as ambiguous instead of read as a thousands separator, as a file's
 * text is ("Rp 45.000"): an API client's JSON string means a decimal point as often (IngestContext).
 */
export type AmountReading = { refuseAmbiguous?: boolean };

/** How the context's records read amounts (IngestContext's refuseAmbiguousAmounts). */
export const amountReading = (context: { refuseAmbiguousAmounts?: boolean }): AmountReading => ({ refuseAmbiguous: context.refuseAmbiguousAmounts === true });

// Longer text is not an amount; the cap also bounds the work the pattern does on junk.
const maximumLength = 64;

/** A number as written, with the decimals it needs and the currency symbols or codes written beside it. */
type WrittenDecimal = { value: number; decimals: number; markers: string[] };

/**
 * Reads a decimal written the way people and spreadsheets write it: `1.234,50`, `1,234.50`,
 * `Rp 45.000`, `$12.99`, `(12.00)`, `1 234,5`, `2e5`. Returns major units, or a reason why not.
 */
export function parseDecimal(raw: string, minorDigits: number): number | string {
  return plainDecimal.test(raw) ? Number(raw) : parseAnyDecimal(raw, minorDigits);
}

/** parseDecimal for every way of writing a number: the reference the plain fast path must agree with. */
export function parseAnyDecimal(raw: string, minorDigits: number): number | string {
  const written = readWrittenDecimal(raw, minorDigits);
  if (typeof written === 'string') return written;
  return unknownCurrencyReason(written.markers) ?? written.value;
}

function readWrittenDecimal(raw: string, minorDigits: number, reading: AmountReading = {}): WrittenDecimal | string {
  const text = raw.trim().replace(/\s+/g, ' ').replace(noCents, '$1$200');
  if (text.length > maximumLength) return `is longer than ${maximumLength} characters, too long to be a number`;
  if (exponentNotation.test(text)) {
    const [mantissa, exponent] = text.replace(/^[-+\u2212]/, '').toLowerCase().split('e');
    const [integerDigits, fractionDigits = ''] = mantissa.split('.');
    return checkRange(Number(text.replace('\u2212', '-')), decimalsNeeded(integerDigits, fractionDigits, Number(exponent)), []);
  }
  const match = writtenAmount.exec(text);
  if (!match) {
    return /\d/.test(text) ? 'is not a number: it has letters or symbols among its digits' : 'is not a number';
  }
  const [, open, signBefore, markerBefore, signAfter, digits, markerAfter, trailingMinus, close] = match;
  if (Boolean(open) !== Boolean(close)) return 'has an unmatched parenthesis';
  const signs = [signBefore, signAfter, trailingMinus, open].filter(Boolean);
  if (signs.length > 1) return 'has more than one sign';
  const markers = [markerBefore, markerAfter].filter((written): written is string => Boolean(written));
  const grouped = readGroupedDigits(digits, minorDigits, reading);
  if (typeof grouped === 'string') return grouped;
  const isNegative = Boolean(open) || signs.some((sign) => sign === '-' || sign === '\u2212');
  return checkRange(isNegative ? -grouped.value : grouped.value, grouped.decimals, markers);
}

function checkRange(value: number, decimals: number, markers: string[]): WrittenDecimal | string {
  if (!Number.isFinite(value) || Math.abs(value) > 1e13) return tooLarge;
  return { value, decimals, markers };
}

/**
 * The decimals a number written as digits, fraction digits and a power of ten needs: trailing
 * zeros need none ("1200.00" is whole), an exponent shifts them ("1.25e1" needs 1, "1200e-2" none).
 */
function decimalsNeeded(integerDigits: string, fractionDigits: string, exponent = 0): number {
  const digits = `${integerDigits}${fractionDigits}`;
  const significant = digits.replace(/0+$/, '');
  if (!/[1-9]/.test(significant)) return 0;
  return Math.max(0, fractionDigits.length - exponent - (digits.length - significant.length));
}

function unknownCurrencyReason(markers: readonly string[]): string | null {
  const unknown = markers.find((written) => currenciesWrittenAs(written) === undefined);
  return unknown === undefined ? null : `has "${unknown}", which is not a currency symbol or code`;
}

/** Digits with thousands separators (`.`, `,`, space, apostrophe) and one decimal separator. */
function readGroupedDigits(text: string, minorDigits: number, reading: AmountReading): { value: number; decimals: number } | string {
  if (!/\d/.test(text)) return 'is not a number';
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalSeparator: string | null = null;
  if (lastDot !== -1 && lastComma !== -1) decimalSeparator = lastDot > lastComma ? '.' : ',';
  else if (lastDot !== -1 || lastComma !== -1) {
    const separator = lastDot !== -1 ? '.' : ',';
    const parts = text.split(separator);
    // One separator followed by exactly three digits is a thousands separator (Rp 45.000,
    // 1,234) unless the currency itself has three decimals (KWD); a leading 0 means decimals.
    const isThousands = parts.length > 2 || (parts[1].length === 3 && minorDigits !== 3 && parts[0] !== '0' && parts[0] !== '');
    if (isThousands && parts.length === 2 && reading.refuseAmbiguous) return ambiguous;
    decimalSeparator = isThousands ? null : separator;
  }
  const [integerPart, fractionPart = '', ...extra] = decimalSeparator ? text.split(decimalSeparator) : [text];
  if (extra.length > 0) return 'has more than one decimal separator';
  if (/\D/.test(fractionPart)) return 'has a thousands separator after the decimal separator';
  const groups = integerPart.split(/[.,' \u2019]/);
  // Groups of three after a first group of one to three digits: "12 34" or "1234,567" are no numbers anyone writes.
  if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((group) => group.length !== 3))) {
    return 'has misplaced thousands separators';
  }
  const digits = groups.join('');
  if (digits === '' && fractionPart === '') return 'is not a number';
  const value = Number(`${digits || '0'}.${fractionPart || '0'}`);
  return Number.isFinite(value) && value <= 1e13 ? { value, decimals: decimalsNeeded(digits, fractionPart) } : tooLarge;
}

// Unit prices may be finer than the currency's minor unit: wholesale exports price an item in
// fractions of a penny (the full UCI Online Retail file sells PADS TO MATCH ALL CUSHIONS at
// £0.001), and such a file must still import. They are rounded to the minor unit, as they always
// were; what a customer paid (amount, refunded_amount, discount_amount) never is.
const fieldsRoundedToMinorUnits: ReadonlySet<string> = new Set(['unit_price']);

/**
 * What to do with a negative amount or quantity, the one way a refund is stored (docs/import.md):
 * on the order it pays back. A row of its own would count as another purchase.
 */
const refundAdvice = (what: string) =>
  `${what} belongs to the order it pays back: send that order again (its own order id) with status refunded, or with refunded_amount for part of it, and leave this row out`;

/**
 * A money amount in integer minor units of `currency`. Negative amounts are refused unless allowed,
 * and so are amounts finer than the currency's minor unit ("12.50" in IDR), except unit prices.
 */
export function parseMoney(field: string, raw: string, currency: string, options: AmountReading & { allowNegative?: boolean } = {}): number {
  const { value, decimals } = plainDecimal.test(raw) ? plainDecimalOf(raw) : readAmount(field, raw, currency, options);
  if (value < 0 && !options.allowNegative) {
    fail(field, 'AMOUNT_NEGATIVE', `${field} "${raw}" is negative; amounts are positive. ${refundAdvice('A refund')}`, { field, value: raw });
  }
  const currencyDecimals = minorUnitsOf(currency);
  // Rounding "12.50" IDR to 13 would store an amount the file never said, and most often the
  // column is in another currency or the number was misread; the row is refused instead.
  if (decimals > currencyDecimals && !fieldsRoundedToMinorUnits.has(field) && !isFloatingPointNoise(raw, value, currencyDecimals)) {
    failTooPrecise(field, raw, value, decimals, currency, currencyDecimals);
  }
  const minor = toMinorUnits(value, currency);
  // Beyond 2^53 minor units (about 9e12 KWD) a double no longer holds every integer.
  if (!Number.isSafeInteger(minor)) fail(field, 'AMOUNT_TOO_LARGE', `${field} "${raw}" is too large; write amounts like ${amountExamples(currency)}`, amountParams(field, raw, currency));
  return minor;
}

/**
 * A whole number of minor units as a binary double prints it: a client computing 19.99 * 3 sends
 * 59.97000000000001, pandas writes 59.970000000000006. Nobody wrote those decimals. A double
 * holds 15 significant digits exactly, so a number written with more is a double printed in
 * full, and what it meant is its first 15 digits; an amount written with 15 or fewer means
 * every digit ("12.50" IDR, 0.125 EUR).
 */
function isFloatingPointNoise(raw: string, value: number, currencyDecimals: number): boolean {
  const significantDigits = raw.split(/e/i)[0].replace(/\D/g, '').replace(/^0+/, '').length;
  if (significantDigits <= 15) return false;
  const minorUnits = Number(value.toPrecision(15)) * 10 ** currencyDecimals;
  return Math.abs(minorUnits - Math.round(minorUnits)) < 1e-6;
}

function plainDecimalOf(raw: string): { value: number; decimals: number } {
  const [integerDigits, fractionDigits = ''] = raw.split('.');
  return { value: Number(raw), decimals: decimalsNeeded(integerDigits, fractionDigits) };
}

/**
 * An amount as people write one in `currency`, with a point and with a comma, to show how one is
 * written: "1234.50 or 1.234,50" in EUR, "1234 or 1.234" in IDR, whose amounts have no decimals.
 */
export function amountExamples(currency: string): string {
  const decimals = minorUnitsOf(currency);
  const fraction = decimals === 0 ? '' : '5'.padEnd(decimals, '0');
  return decimals === 0 ? '1234 or 1.234' : `1234.${fraction} or 1.234,${fraction}`;
}

/**
 * The params of an amount the row's currency cannot take: its currency and that currency's decimals,
 * so that a reader in another language shows an example the currency takes ("1234 or 1.234" in IDR).
 */
function amountParams(field: string, raw: string, currency: string): RejectParams {
  return { field, value: raw, currency, currencyDecimals: minorUnitsOf(currency) };
}

function failTooPrecise(field: string, raw: string, value: number, decimals: number, currency: string, currencyDecimals: number): never {
  // "needs 1 decimal but IDR has none" left the reader to work out that rupiah have no cents, and what to write
  const reason = currencyDecimals === 0
    ? `${field} "${raw}" has decimals, but ${currency} amounts are whole numbers (no cents): write ${wholeNumbersAround(value)}, or check the row's currency`
    : `${field} "${raw}" needs ${decimals} decimals but ${currency} has ${currencyDecimals}; round it to ${currencyDecimals} decimals, or check the row's currency`;
  fail(field, 'AMOUNT_TOO_PRECISE', reason, { field, value: raw, decimals, currency, currencyDecimals });
}

/** The whole numbers either side of `value`, nearer zero first: "10 or 11" for 10.5, "-10 or -11" for -10.5. */
function wholeNumbersAround(value: number): string {
  const toward = Math.trunc(value);
  return `${toward === 0 && value < 0 ? 0 : toward} or ${toward + Math.sign(value)}`;
}

/** parseMoney's general path: any way of writing an amount, with a code beside it that must be the row's currency. */
function readAmount(field: string, raw: string, currency: string, reading: AmountReading): { value: number; decimals: number } {
  const isAmbiguous = readWrittenDecimal(raw, minorUnitsOf(currency), reading) === ambiguous;
  // an ambiguous amount is read as thousands too, so that a symbol of another currency ("Rp 45.000" in euros) is named first
  const parsed = isAmbiguous ? readWrittenDecimal(raw, minorUnitsOf(currency)) : readWrittenDecimal(raw, minorUnitsOf(currency), reading);
  const reason = typeof parsed === 'string' ? parsed : unknownCurrencyReason(parsed.markers);
  if (reason === tooLarge) fail(field, 'AMOUNT_TOO_LARGE', `${field} "${raw}" is too large: amounts go up to 10,000,000,000,000 (1e13); check the column holds amounts, not ids or phone numbers`, amountParams(field, raw, currency));
  if (reason !== null || typeof parsed === 'string') fail(field, 'AMOUNT_UNREADABLE', `${field} "${raw}" ${reason}; write amounts like ${amountExamples(currency)}`, amountParams(field, raw, currency));
  // Otherwise "USD 12" or "Rp 45.000" in a euro row would be stored as 12 or 45,000 euros.
  const foreign = parsed.markers.find((written) => !currenciesWrittenAs(written)!.includes(currency));
  if (foreign !== undefined) failCurrencyMismatch(field, raw, foreign, currency);
  if (isAmbiguous) failAmbiguous(field, raw, currency, parsed.value);
  return parsed;
}

/**
 * "12.345" sent as a JSON string: 12345 with a thousands separator, as a file's "Rp 45.000" is read,
 * or 12.345 with a decimal point, as a program printing a number writes it. Guessing stored revenue
 * a thousand times too large (or small), so the record is refused, naming both readings and how to
 * send either without doubt: a JSON number, the currency's own decimals ("12.35"), or no separator.
 */
function failAmbiguous(field: string, raw: string, currency: string, thousandsValue: number): never {
  const thousands = String(thousandsValue);
  const decimal = (thousandsValue / 1000).toFixed(3);
  const currencyDecimals = minorUnitsOf(currency);
  // rounded on the whole number, as 12.345 has no exact binary double: 12345 → "12.35" in EUR, "12" in IDR
  const example = currencyDecimals >= 3 ? (thousandsValue / 1000).toFixed(currencyDecimals)
    : (Math.sign(thousandsValue) * Math.round(Math.abs(thousandsValue) / 10 ** (3 - currencyDecimals)) / 10 ** currencyDecimals).toFixed(currencyDecimals);
  const withDecimals = currencyDecimals === 0 ? `of whole ${currency} ("${example}")` : `with the ${currencyDecimals} decimals ${currency} has ("${example}")`;
  fail(field, 'AMOUNT_AMBIGUOUS', `${field} "${raw}" is ambiguous: with a thousands separator it is ${thousands}, with a decimal point ${decimal}; send the amount as a JSON number, or as a string ${withDecimals} or without a thousands separator ("${thousands}")`,
    { field, value: raw, thousands, decimal, example, currency, currencyDecimals });
}

function failCurrencyMismatch(field: string, raw: string, foreign: string, currency: string): never {
  const currencies = currenciesWrittenAs(foreign)!;
  const isCode = isCurrencyCode(foreign);
  const written = isCode ? foreign.toUpperCase() : foreign;
  const meaning = isCode ? `is in ${written}` : `has "${written}", a symbol of ${currencies.join(', ').replace(/, (\w+)$/, ' or $1')},`;
  fail(field, 'AMOUNT_CURRENCY_MISMATCH', `${field} "${raw}" ${meaning} but the row's currency is ${currency}; give the amount's currency in a currency column, or convert the amount to ${currency}`,
    { field, value: raw, written, currency, currencies: currencies.join(', ') });
}

/** A plain quantity: a number, possibly fractional (kilograms), never negative, without unit or currency. */
export function parseQuantity(field: string, raw: string): number {
  const value = plainDecimal.test(raw) ? Number(raw) : readQuantity(field, raw);
  if (value < 0) fail(field, 'QUANTITY_NEGATIVE', `${field} "${raw}" is negative; quantities are positive. ${refundAdvice('A return')}`, { field, value: raw });
  return value;
}

function readQuantity(field: string, raw: string): number {
  const parsed = readWrittenDecimal(raw, 2);
  if (typeof parsed === 'string') fail(field, 'QUANTITY_UNREADABLE', `${field} "${raw}" ${parsed}; write quantities like 2 or 1.5`, { field, value: raw });
  // "5 kg" or "2 pcs" would otherwise be read as a count of 5 or 2 of something.
  if (parsed.markers.length > 0) fail(field, 'QUANTITY_HAS_UNIT', `${field} "${raw}" has "${parsed.markers[0]}" beside the number; write the quantity as a plain number like 2 or 1.5`, { field, value: raw, unit: parsed.markers[0] });
  return parsed.value;
}
