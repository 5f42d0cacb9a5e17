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
  const { group, decimal } = separatorsOf(tag);
  const isGroup = (character: string) => character === group || (spaces.test(group) && spaces.test(character));
  const trimmed = text.trim();
  const decimalAt = trimmed.indexOf(decimal);
  const whole = decimalAt === -1 ? trimmed : trimmed.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : trimmed.slice(decimalAt + decimal.length);
  if (decimalAt !== -1 && (fraction === '' || !/^\d+$/.test(fraction) || fraction.length > fractionDigits)) return { ok: false };
  const groups: string[] = [''];
  for (const character of whole) {
    if (isGroup(character)) groups.push('');
    else if (/\d/.test(character)) groups[groups.length - 1] += character;
    else return { ok: false };
  }
  if (groups[0] === '' || groups[0].length > (groups.length > 1 ? 3 : Infinity)) return { ok: false };
  if (groups.slice(1).some((digits) => digits.length !== 3)) return { ok: false };
  const minor = Number(groups.join('') + fraction.padEnd(fractionDigits, '0'));
  return Number.isSafeInteger(minor) ? { ok: true, minor } : { ok: false };
}

/** Minor digits of a currency from its minor units per major unit (1 → 0, 100 → 2). */
export function fractionDigitsOf(minorPerMajor: number): number {
  return Math.round(Math.log10(minorPerMajor));
}
