import { AppError } from '../../core/errors.js';
import { minorUnitsOf } from '../../core/money.js';
import { parseDecimal, parseMoney } from '../../ingest/rows/parse-amount.js';
import { RowProblem } from '../../ingest/rows/row-problem.js';

// The import's rule, said where it decides: "1.500" is 1500 unless the store currency has three decimals.
const separatorRule = (currency: string) => (minorUnitsOf(currency) === 3
  ? `a point or comma is the decimal separator, as ${currency} has three decimals`
  : 'a point or comma before exactly three digits separates thousands, so 1.500 is 1500');

/**
 * An amount in the store currency as the import reads one (parse-amount.ts): "1.500.000",
 * "1,234.50", "99,50", "Rp 45.000"; in minor units. Refused as a usage error naming the option.
 */
export function storeAmountOf(option: string, raw: string, currency: string): number {
  try {
    return parseMoney(option, raw.trim(), currency);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    // the import speaks of a row's currency; here the amount is always in the store's
    const reason = error.message.replace("the row's currency", 'the store currency');
    throw new AppError('CLI_ARGUMENT_INVALID', `${reason}, in the store currency (${currency}): ${separatorRule(currency)}.`, { field: option });
  }
}

/** A rate in units of the store currency, its separators read as the import reads that currency's amounts. */
export function storeRateOf(raw: string, currency: string): number {
  const text = raw.trim();
  // an amount's rule would read "1.085" as 1085, but a rate with three decimals is as common as a
  // thousands point (1 USD = 1.085 EUR; 1 EUR = 17.500 IDR): the writer has to say which
  const oneSeparatorBeforeThreeDigits = /^[1-9]\d{0,2}([.,])\d{3}$/.exec(text);
  if (oneSeparatorBeforeThreeDigits) {
    const [whole, decimals] = text.split(oneSeparatorBeforeThreeDigits[1]!);
    throw new AppError('CLI_ARGUMENT_INVALID', `The rate "${text}" could be ${whole}${decimals} or ${whole}.${decimals}: write ${whole}${decimals} for the first or ${whole}.${decimals}0 (or ${whole},${decimals}0) for the second, in units of the store currency (${currency}).`, { field: 'rate' });
  }
  const rate = parseDecimal(text, minorUnitsOf(currency));
  if (typeof rate === 'number') return rate;
  throw new AppError('CLI_ARGUMENT_INVALID', `The rate "${raw.slice(0, 40)}" ${rate}. Write it in units of the store currency (${currency}), e.g. 17500, 17.500,00 or 0,0000575: ${separatorRule(currency)}.`, { field: 'rate' });
}
