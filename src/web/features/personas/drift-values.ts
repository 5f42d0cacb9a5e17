import type { CategoricalDrift, DriftAttribute, SeriesPoint } from '../../api/target-group-types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { seriesLabel } from './drift-labels.js';

/**
 * The earlier and later values a drift row shows beside its words. Both cells
 * of a row speak of the same thing: one mean, or one value of a mix, so a
 * reader comparing them compares like with like.
 */
export type NumericDrift = Extract<DriftAttribute, { kind: 'numeric' }>;
export type Side = 'before' | 'after';

/** The server compares spend on a log scale (ln(1 + spend), so one big buyer does not decide a change's size) and sends the money beside it. */
export const spendAttribute = 'spend (log)';

const finiteOrNull = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : value);

/**
 * The number a numeric row shows for one period: for spend the plain mean spend per buyer in
 * minor units (total paid in the period ÷ its buyers; not the mean of the logs the change is sized
 * by, which reads as no amount anyone spent), the mean otherwise.
 */
export function shownMean(attribute: NumericDrift, side: Side): number | null {
  if (attribute.attribute === spendAttribute) return finiteOrNull(attribute.spendPerBuyer?.[side].meanMinor);
  return finiteOrNull(attribute[side].mean);
}

/** The median spend per buyer of one period, in minor units; null for other rows or without it. */
export function shownMedian(attribute: NumericDrift, side: Side): number | null {
  return attribute.attribute === spendAttribute ? finiteOrNull(attribute.spendPerBuyer?.[side].medianMinor) : null;
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

/** The cell of one period: "US$68.83 (median US$40.69)", "36.4", or "5m–10m 24.9%" (the same value in both periods of a mix). */
export function driftValueText(attribute: DriftAttribute, side: Side, t: I18n['t'], format: Pick<Formatters, 'compact' | 'percent' | 'number' | 'money'>): string {
  if (attribute.kind === 'categorical') {
    const point = mostMovedShare(attribute);
    return point ? `${seriesLabel(attribute.attribute, point.label, t, format)} ${format.percent(point[side])}` : '–';
  }
  const value = shownMean(attribute, side);
  if (value === null) return '–';
  if (attribute.attribute !== spendAttribute) return format.number(value, meanDigits(attribute));
  // spend in money: the mean per buyer, with the median, which a few big buyers do not pull up
  const median = shownMedian(attribute, side);
  return median === null ? format.money(value) : t('drift.spendPerBuyer', { mean: format.money(value), median: format.money(median) });
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

/**
 * What a row's effect size measures, beside it: Cohen's d for a numeric row, and for spend the d of
 * log spend (the server sizes spend on ln(1 + spend), while the row shows the plain mean), as the
 * command line says "(of log spend)"; Cramér's V, with how much of the mix moved, for a categorical one.
 */
export function effectMeasureText(attribute: DriftAttribute, t: I18n['t'], format: Pick<Formatters, 'percent'>): string {
  if (attribute.kind === 'categorical') return t('drift.cramersV', { moved: format.percent(attribute.totalVariation) });
  return t(attribute.attribute === spendAttribute ? 'drift.cohensDLog' : 'drift.cohensD');
}
