import { minorUnitsOf, toMinorUnits } from '../../core/money.js';
import { fail } from './row-problem.js';

// Digits with at most two decimals after a dot ("45000", "12.50") read the same whatever the
// currency: never negative, never a thousands separator (that needs three digits after it),
// never above the 1e13 limit. Most exports write amounts this way.
const plainDecimal = /^\d{1,13}(?:\.\d{1,2})?$/;

/**
 * Reads a decimal written the way people and spreadsheets write it: `1.234,50`, `1,234.50`,
 * `Rp 45.000`, `$12.99`, `(12.00)`, `1 234,5`. Returns major units, or a reason why not.
 */
export function parseDecimal(raw: string, minorDigits: number): number | string {
  return plainDecimal.test(raw) ? Number(raw) : parseAnyDecimal(raw, minorDigits);
}

/** parseDecimal for every way of writing a number: the reference the plain fast path must agree with. */
export function parseAnyDecimal(raw: string, minorDigits: number): number | string {
  let text = raw.trim();
  const isNegative = /^\(.*\)$/.test(text) || /^[^\d]*[-\u2212]/.test(text) || /-$/.test(text);
  // Currency symbols and codes, spaces and apostrophes (Swiss 1'234.50) carry no digits.
  text = text.replace(/[^\d.,]/g, '');
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
    decimalSeparator = isThousands ? null : separator;
  }
  const [integerPart, fractionPart = '', ...extra] = decimalSeparator ? text.split(decimalSeparator) : [text];
  if (extra.length > 0) return 'has more than one decimal separator';
  if (/[.,]/.test(fractionPart)) return 'has a thousands separator after the decimal separator';
  const groups = integerPart.split(/[.,]/);
  if (groups.length > 1 && groups.slice(1).some((group) => group.length !== 3)) return 'has misplaced thousands separators';
  const digits = groups.join('');
  if (digits === '' && fractionPart === '') return 'is not a number';
  const value = Number(`${digits || '0'}.${fractionPart || '0'}`);
  if (!Number.isFinite(value) || value > 1e13) return 'is too large';
  return isNegative ? -value : value;
}

/** A money amount in integer minor units of `currency`; negative amounts are refused unless allowed. */
export function parseMoney(field: string, raw: string, currency: string, options: { allowNegative?: boolean } = {}): number {
  const parsed = parseDecimal(raw, minorUnitsOf(currency));
  if (typeof parsed === 'string') fail(field, `${field} "${raw}" ${parsed}; write amounts like 1234.50 or 1.234,50`);
  if (parsed < 0 && !options.allowNegative) {
    fail(field, `${field} "${raw}" is negative; amounts are positive — record a refund with status refunded or refunded_amount`);
  }
  return toMinorUnits(parsed, currency);
}

/** A plain quantity: a number, possibly fractional (kilograms), never negative. */
export function parseQuantity(field: string, raw: string): number {
  const parsed = parseDecimal(raw, 2);
  if (typeof parsed === 'string') fail(field, `${field} "${raw}" ${parsed}`);
  if (parsed < 0) fail(field, `${field} "${raw}" is negative; import returns as their own order with status refunded`);
  return parsed;
}
