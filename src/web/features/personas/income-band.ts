import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';

/**
 * Income bands are the store's data, kept as imported: "<5M", "5-10M",
 * "10M-25M", "25k-50k", "100k+". Their "k" and "M" are English
 * abbreviations, and shown as written they mislead: in Indonesian "M" is
 * miliar, a thousand times a million. A band of one of these shapes is read
 * back to its amounts and said with the reader's own compact numbers
 * ("5 jt – 10 jt", "5 milj. – 10 milj."); any other text is shown as written.
 */
export type IncomeBand =
  | { shape: 'below' | 'upTo' | 'above' | 'atLeast'; amount: number }
  | { shape: 'range'; from: number; to: number };

const multipliers: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
// "25", "2.5", "25,000" (English grouping) with an optional English abbreviation
const amountPattern = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|mn|m|bn|b)?`;
const single = new RegExp(`^(<=|>=|<|>|≤|≥)?\\s*${amountPattern}\\s*(\\+)?$`, 'i');
const range = new RegExp(`^${amountPattern}\\s*(?:-|–|—|to)\\s*${amountPattern}$`, 'i');
const shapeOfSign: Record<string, 'below' | 'upTo' | 'above' | 'atLeast'> = { '<': 'below', '<=': 'upTo', '≤': 'upTo', '>': 'above', '>=': 'atLeast', '≥': 'atLeast' };

function amountOf(digits: string, abbreviation: string | undefined): number {
  return Number(digits.replace(/,/g, '')) * (abbreviation ? multipliers[abbreviation.toLowerCase()] : 1);
}

/** The amounts of a band of a usual shape; null for any other text (it is shown as written). */
export function parseIncomeBand(label: string): IncomeBand | null {
  const text = label.trim();
  const ranged = range.exec(text);
  if (ranged) {
    const [, fromDigits, fromAbbreviation, toDigits, toAbbreviation] = ranged;
    const to = amountOf(toDigits, toAbbreviation);
    // "5-10M" is 5M to 10M: a bare first number takes the second's unit
    const from = amountOf(fromDigits, fromAbbreviation ?? toAbbreviation);
    return from < to ? { shape: 'range', from, to } : null;
  }
  const one = single.exec(text);
  if (!one) return null;
  const [, sign, digits, abbreviation, plus] = one;
  const amount = amountOf(digits, abbreviation);
  if (sign && plus) return null;
  if (sign) return { shape: shapeOfSign[sign], amount };
  // a bare number is a label of its own (a code, a decile): only "100k+" is a band
  return plus ? { shape: 'atLeast', amount } : null;
}

/** The band in the reader's words and numbers ("Di bawah 5 jt"), or as written when it has no usual shape. */
export function incomeBandText(label: string, t: I18n['t'], format: Pick<Formatters, 'compact'>): string {
  const band = parseIncomeBand(label);
  if (band === null) return label;
  if (band.shape === 'range') return t('personas.incomeBandShapes.range', { from: format.compact(band.from), to: format.compact(band.to) });
  return t(`personas.incomeBandShapes.${band.shape}`, { amount: format.compact(band.amount) });
}
