import { pickOne, type Random } from './random.js';

/** Indonesian mobile prefixes (Telkomsel, Indosat, XL, Axis, Tri, Smartfren) after the trunk 0. */
const mobilePrefixes = [
  '811', '812', '813', '821', '822', '823', '852', '853', '814', '815', '816', '855', '856', '857', '858',
  '817', '818', '819', '859', '877', '878', '831', '832', '833', '838', '895', '896', '897', '898', '899',
  '881', '882', '887', '888',
];

const subscriberSpace = 100_000_000;
// odd and not a multiple of 5, so multiplying permutes 0…10^8-1
const subscriberMultiplier = 7_654_321;

/**
 * A unique Indonesian mobile number in national digits, e.g. `081234567890`.
 * The subscriber part is a permutation of `token`, so two tokens never share a
 * number whatever prefixes they draw.
 */
export function drawMobileNumber(random: Random, token: number): string {
  const prefix = pickOne(random, mobilePrefixes);
  const subscriber = (token * subscriberMultiplier + 31_415_926) % subscriberSpace;
  return `0${prefix}${String(subscriber).padStart(8, '0')}`;
}

export type PhoneStyle = 'dashed' | 'international-spaced' | 'e164' | 'national' | 'spaced' | 'parenthesised' | 'country-no-plus';
const styles: readonly PhoneStyle[] = ['dashed', 'international-spaced', 'e164', 'national', 'spaced', 'parenthesised', 'country-no-plus'];

/** Writes national digits `0812…` in one of the formats people really type. */
export function formatPhone(national: string, style: PhoneStyle): string {
  const head = national.slice(1, 4);
  const middle = national.slice(4, 8);
  const tail = national.slice(8);
  switch (style) {
    case 'dashed': return `0${head}-${middle}-${tail}`;
    case 'international-spaced': return `+62 ${head} ${middle} ${tail}`;
    case 'e164': return `+62${national.slice(1)}`;
    case 'national': return national;
    case 'spaced': return `0${head} ${middle} ${tail}`;
    case 'parenthesised': return `(0${head}) ${middle} ${tail}`;
    case 'country-no-plus': return `62${head}-${middle}-${tail}`;
  }
}

export function writePhoneAsTyped(random: Random, national: string): string {
  return formatPhone(national, pickOne(random, styles));
}

export function toE164(national: string): string {
  return `+62${national.slice(1)}`;
}
