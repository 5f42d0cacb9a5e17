import type { CategoricalDrift, DriftAttribute, SeriesPoint } from '../../api/target-group-types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { seriesLabel } from './drift-labels.js';

/**
 * The earlier and later values a drift row shows beside its words. Both cells
 * of a row speak of the same thing: one mean, or one value of a mix, so a
 * reader comparing them compares like with like.
 */
type NumericDrift = Extract<DriftAttribute, { kind: 'numeric' }>;
export type Side = 'before' | 'after';

/**
 * A typical spend per customer from the mean of ln(1 + spend) the server sends:
 * exp(mean) − 1, the geometric mean of 1 + spend less one, in minor units. It is
 * what the mean of logs means in money, and unlike the plain mean one big buyer
 * does not move it.
 */
export function typicalSpendMinor(meanOfLog: number | null): number | null {
  return meanOfLog === null || !Number.isFinite(meanOfLog) ? null : Math.expm1(meanOfLog);
}

/** The number a numeric row shows for one period: the typical spend for spend (compared on a log scale), the mean otherwise. */
export function shownMean(attribute: NumericDrift, side: Side): number | null {
  const mean = attribute[side].mean;
  if (attribute.attribute === 'spend (log)') return typicalSpendMinor(mean);
  return mean === null || !Number.isFinite(mean) ? null : mean;
}

/** How far the shown number moved, as a ratio of the earlier one (0.14 for +14%); null without both or from zero. */
export function relativeChange(attribute: NumericDrift): number | null {
  const before = shownMean(attribute, 'before');
  const after = shownMean(attribute, 'after');
  if (before === null || after === null || before === 0) return null;
  return after / before - 1;
}

/**
 * The value of a mix whose share moved most between the periods (ties: the
 * larger later share, then the server's order). Each period's own top value
 * would compare different things ("5m–10m 27%" against "Unknown 27%").
 */
export function mostMovedShare(attribute: CategoricalDrift): SeriesPoint | null {
  let chosen: SeriesPoint | null = null;
  for (const point of attribute.series) {
    if (chosen === null) { chosen = point; continue; }
    const moved = Math.abs(point.after - point.before);
    const chosenMoved = Math.abs(chosen.after - chosen.before);
    // shares are ratios of counts: differences closer than this are the same move
    if (moved > chosenMoved + 1e-12 || (Math.abs(moved - chosenMoved) <= 1e-12 && point.after > chosen.after)) chosen = point;
  }
  return chosen;
}

/** The cell of one period: "IDR 440,391", "36.4", or "5m–10m 24.9%" (the same value in both periods of a mix). */
export function driftValueText(attribute: DriftAttribute, side: Side, t: I18n['t'], format: Pick<Formatters, 'compact' | 'percent' | 'number' | 'money'>): string {
  if (attribute.kind === 'categorical') {
    const point = mostMovedShare(attribute);
    return point ? `${seriesLabel(attribute.attribute, point.label, t, format)} ${format.percent(point[side])}` : '–';
  }
  const value = shownMean(attribute, side);
  if (value === null) return '–';
  // the server compares spend on a log scale; a marketer reads it back as money
  return attribute.attribute === 'spend (log)' ? format.money(value) : format.number(value, meanDigits(attribute));
}

/**
 * Decimals for a mean: one, or more (up to three) when the row states a move of a whole percent or
 * more that one decimal would hide ("3.3 → 3.3" beside "up 2%" reads as a contradiction: 3.27 → 3.34).
 */
export function meanDigits(attribute: NumericDrift): number {
  const before = shownMean(attribute, 'before');
  const after = shownMean(attribute, 'after');
  const change = relativeChange(attribute);
  if (before === null || after === null || change === null || Math.round(Math.abs(change) * 100) === 0) return 1;
  let digits = 1;
  while (digits < 3 && before.toFixed(digits) === after.toFixed(digits)) digits += 1;
  return digits;
}
