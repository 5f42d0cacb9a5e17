import { minorUnitsOf } from '../../core/money.js';

/**
 * The largest amount the store keeps, in minor units of `currency`: the 1e13 a file may write
 * (parse-amount.ts), and no more than a double holds exactly (about 9e12 in three-decimal
 * currencies). Amounts an import derives (lines summed, converted into the store currency) keep
 * to it too, so every sum of them stays exact and within the database's bigint.
 */
export function maximumAmountMinor(currency: string): number {
  return Math.min(1e13 * 10 ** minorUnitsOf(currency), Number.MAX_SAFE_INTEGER);
}

/** The limit as a reason names it: "10,000,000,000,000 IDR" (plain spaces, unlike a currency format's). */
export function shownLimit(currency: string): string {
  const digits = minorUnitsOf(currency);
  return `${(maximumAmountMinor(currency) / 10 ** digits).toLocaleString('en-US', { maximumFractionDigits: digits })} ${currency}`;
}

/** One line's amount in whole minor units: quantity may be fractional (kilograms). */
export function lineAmountMinor(line: { quantity: number; unitPriceMinor: number }): number {
  return Math.round(line.quantity * line.unitPriceMinor);
}

/**
 * The sum of lines' amounts less a discount, or null when a line or the running sum passes `limit`.
 * Every term is a whole number below 2^53 and the sum stops at the limit, so the arithmetic is exact.
 */
export function sumOfLinesWithin(lines: ReadonlyArray<{ quantity: number; unitPriceMinor: number }>, discountMinor: number, limit: number): number | null {
  let sum = 0;
  for (const line of lines) {
    const amount = lineAmountMinor(line);
    if (!Number.isSafeInteger(amount) || amount > limit) return null;
    sum += amount;
    if (sum > limit) return null;
  }
  return sum - discountMinor;
}
