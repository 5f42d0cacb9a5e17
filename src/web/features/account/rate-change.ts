/**
 * How far a new exchange rate is from the one in force: a rate ten or more times off is far more
 * often a typing slip (a thousands separator read as a decimal point, a rate entered the wrong way
 * round) than a real move, and every order in that currency from then on is converted with it.
 */
export type RateChange = { isFar: false } | { isFar: true; factor: number; direction: 'higher' | 'lower' };

const farFactor = 10;

export function rateChange(previous: number | null, next: number): RateChange {
  if (previous === null || previous <= 0 || next <= 0) return { isFar: false };
  const ratio = next / previous;
  if (ratio >= farFactor) return { isFar: true, factor: Math.round(ratio), direction: 'higher' };
  if (ratio <= 1 / farFactor) return { isFar: true, factor: Math.round(1 / ratio), direction: 'lower' };
  return { isFar: false };
}
