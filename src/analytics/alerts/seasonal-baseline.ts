import { median } from '../customer-facts.js';

/**
 * What a value "should" be, from the values at the same point of the weekly
 * cycle in earlier weeks (same weekday for a day, whole 7-day windows for a
 * week), so weekly seasonality is removed by construction, as in a seasonal
 * naive forecast. Trend is a Theil–Sen line through those comparables
 * (Sen 1968, "Estimates of the regression coefficient based on Kendall's tau")
 * and noise is the MAD of the residuals scaled to a standard deviation
 * (×1.4826): one holiday spike or outage in the history barely moves either.
 */
export type SeasonalBaseline = { expected: number; scale: number; slope: number; comparables: number[] };

/** A floor on the noise so a perfectly flat history does not make every wobble significant. */
function noiseFloor(expected: number, isCount: boolean): number {
  const relative = 0.03 * Math.abs(expected);
  return Math.max(relative, isCount ? Math.sqrt(Math.max(expected, 1)) : 0, 1e-9);
}

/**
 * @param comparables oldest first, one per earlier cycle; the value to judge is one cycle after the last
 * @param isCount counts (orders, customers) get at least Poisson noise
 */
export function seasonalBaseline(comparables: readonly number[], isCount = false): SeasonalBaseline {
  const n = comparables.length;
  const times = comparables.map((_, index) => index - n);
  const slopes: number[] = [];
  for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) slopes.push((comparables[j] - comparables[i]) / (times[j] - times[i]));
  const slope = median(slopes) ?? 0;
  const intercept = median(comparables.map((value, index) => value - slope * times[index])) ?? 0;
  // a falling trend must not forecast below zero
  const expected = Math.max(intercept, 0);
  const residuals = comparables.map((value, index) => Math.abs(value - (intercept + slope * times[index])));
  const scale = Math.max(1.4826 * (median(residuals) ?? 0), noiseFloor(expected, isCount));
  return { expected, scale, slope, comparables: [...comparables] };
}

export type DropJudgement = { isDrop: boolean; changePct: number; zScore: number };

export type DropThresholds = { zThreshold: number; minDropPercent: number; minExpected: number };

/** A drop is raised only when it is both implausible (z) and material (percent) on a series big enough to judge. */
export function judgeDrop(actual: number, baseline: SeasonalBaseline, thresholds: DropThresholds): DropJudgement {
  const changePct = baseline.expected === 0 ? 0 : ((actual - baseline.expected) / baseline.expected) * 100;
  const zScore = (actual - baseline.expected) / baseline.scale;
  const isDrop = baseline.expected >= thresholds.minExpected && changePct <= -thresholds.minDropPercent && zScore <= -thresholds.zThreshold;
  return { isDrop, changePct, zScore };
}
