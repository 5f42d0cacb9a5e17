import type { Formatters } from '../../i18n/format.js';

/**
 * A chance (P(alive)) in whole percents, but never "0%" or "100%" for a chance the model does not
 * rule out: a lapsed customer's 0.4% reads "<1%", beside a lifetime value that is not quite nothing.
 * The server words its sentences the same way (src/analytics/type-reasons.ts chancePercentText).
 */
export function chanceText(chance: number, format: Pick<Formatters, 'percent'>): string {
  if (chance > 0 && chance < 0.005) return `<${format.percent(0.01, 0)}`;
  if (chance < 1 && chance >= 0.995) return `>${format.percent(0.99, 0)}`;
  return format.percent(chance, 0);
}
