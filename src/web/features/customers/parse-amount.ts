/** An amount as typed, in minor units of the store currency, or why it cannot be read. */
export type ParsedAmount = { ok: true; minor: number } | { ok: false };

type Separators = { group: string; decimal: string };

/** The locale's own separators, learnt from Intl rather than written per language. */
export function separatorsOf(tag: string): Separators {
  const parts = new Intl.NumberFormat(tag, { useGrouping: true }).formatToParts(1_234_567.5);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

const spaces = /[\s\u00a0\u202f]/;

/**
 * Reads a non-negative amount written the locale's way ("100,000.50" in en-GB,
 * "100.000" in id-ID, "100 000,50" in lv-LV) into minor units of a currency with
 * `fractionDigits` minor digits. Grouping must come in threes, so "100,5" in English
 * is refused rather than read as 1,005, and a fraction longer than the currency has
 * (any fraction at all for IDR) is refused rather than rounded or read as grouping.
 */
export function parseAmount(text: string, tag: string, fractionDigits: number): ParsedAmount {
  const digits = localeDigitsOf(text.trim(), tag);
  if (digits === null || digits.fraction.length > fractionDigits) return { ok: false };
  const minor = Number(digits.whole + digits.fraction.padEnd(fractionDigits, '0'));
  return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false };
}

/**
 * Reads a number written the locale's way, with any fraction and an optional
 * minus ("0,75" or "-1.234,5" in id-ID and lv-LV, "0.75" in English), by the
 * same rules as amounts; null when it cannot be read.
 */
export function parseDecimal(text: string, tag: string): number | null {
  const trimmed = text.trim();
  const isNegative = trimmed.startsWith('-') || trimmed.startsWith('\u2212');
  const digits = localeDigitsOf(isNegative ? trimmed.slice(1).trimStart() : trimmed, tag);
  if (digits === null) return null;
  const value = Number(`${digits.whole}.${digits.fraction || '0'}`);
  return Number.isFinite(value) ? (isNegative ? -value : value) : null;
}

/** The whole and fraction digits of a number written with the locale's separators, grouping in threes. */
function localeDigitsOf(text: string, tag: string): { whole: string; fraction: string } | null {
  const { group, decimal } = separatorsOf(tag);
  const isGroup = (character: string) => character === group || (spaces.test(group) && spaces.test(character));
  const decimalAt = text.indexOf(decimal);
  const whole = decimalAt === -1 ? text : text.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : text.slice(decimalAt + decimal.length);
  if (decimalAt !== -1 && (fraction === '' || !/^\d+$/.test(fraction))) return null;
  const groups: string[] = [''];
  for (const character of whole) {
    if (isGroup(character)) groups.push('');
    else if (/\d/.test(character)) groups[groups.length - 1] += character;
    else return null;
  }
  if (groups[0] === '' || groups[0].length > (groups.length > 1 ? 3 : Infinity)) return null;
  if (groups.slice(1).some((part) => part.length !== 3)) return null;
  return { whole: groups.join(''), fraction };
}

/** Minor digits of a currency from its minor units per major unit (1 → 0, 100 → 2). */
export function fractionDigitsOf(minorPerMajor: number): number {
  return Math.round(Math.log10(minorPerMajor));
}
