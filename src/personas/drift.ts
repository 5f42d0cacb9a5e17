/**
 * Effect sizes for "what moved" between two periods of a target group. Pure.
 */
export type NumericSummary = { n: number; mean: number | null; variance: number | null };
export type Magnitude = 'negligible' | 'small' | 'medium' | 'large';
export type SeriesPoint = { label: string; before: number; after: number };

/**
 * Cohen's d with the pooled standard deviation (Cohen 1988, Statistical Power
 * Analysis, eq. 2.5.2): (mean_after − mean_before) / s_pooled. Null when either
 * side has fewer than two values or there is no spread.
 */
export function cohensD(before: NumericSummary, after: NumericSummary): number | null {
  if (before.n < 2 || after.n < 2 || before.mean === null || after.mean === null) return null;
  const pooled = ((before.n - 1) * (before.variance ?? 0) + (after.n - 1) * (after.variance ?? 0)) / (before.n + after.n - 2);
  if (!(pooled > 0)) return null;
  return (after.mean - before.mean) / Math.sqrt(pooled);
}

/**
 * Cramér's V of a contingency table (Cramér 1946, Mathematical Methods of
 * Statistics, §21.9): sqrt(χ² / (n · (min(rows, columns) − 1))). 0 means the
 * distribution did not change between the rows (periods), 1 complete separation.
 */
export function cramersV(table: number[][]): number | null {
  const rows = table.filter((row) => row.some((count) => count > 0));
  const columnTotals = rows[0]?.map((_, column) => rows.reduce((sum, row) => sum + row[column], 0)) ?? [];
  const columns = columnTotals.map((total, index) => ({ total, index })).filter((entry) => entry.total > 0);
  const n = columns.reduce((sum, column) => sum + column.total, 0);
  const dimension = Math.min(rows.length, columns.length) - 1;
  if (n === 0 || dimension < 1) return null;
  let chiSquare = 0;
  for (const row of rows) {
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    for (const column of columns) {
      const expected = (rowTotal * column.total) / n;
      chiSquare += (row[column.index] - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chiSquare / (n * dimension));
}

/** Total variation distance: half the L1 distance of two distributions, the share of mass that moved. */
export function totalVariationDistance(before: number[], after: number[]): number {
  return before.reduce((sum, value, index) => sum + Math.abs(value - after[index]), 0) / 2;
}

/** Cohen's conventions: 0.2 small, 0.5 medium, 0.8 large. */
export function magnitudeOfD(d: number | null): Magnitude {
  const size = Math.abs(d ?? 0);
  return size >= 0.8 ? 'large' : size >= 0.5 ? 'medium' : size >= 0.2 ? 'small' : 'negligible';
}

/** Cohen's conventions for V with one degree of freedom (two periods): 0.1, 0.3, 0.5. */
export function magnitudeOfV(v: number | null): Magnitude {
  const size = v ?? 0;
  return size >= 0.5 ? 'large' : size >= 0.3 ? 'medium' : size >= 0.1 ? 'small' : 'negligible';
}

/**
 * Why an attribute has no statistic (docs/personas.md, "A row without a statistic"). d is left out
 * when a period has fewer than two customers with a value (too few) or when there is no spread:
 * the same value for all in both periods, or each period alike within itself but the means differ.
 * V is left out when a period counted nobody (too few) or the mix has one value in both periods.
 */
export type NoStatisticReason = 'tooFew' | 'sameForAll' | 'noSpread' | 'oneValue';

export function noStatisticReasonOfD(before: NumericSummary, after: NumericSummary, d: number | null): NoStatisticReason | null {
  if (d !== null) return null;
  if (before.n < 2 || after.n < 2 || before.mean === null || after.mean === null) return 'tooFew';
  return before.mean === after.mean ? 'sameForAll' : 'noSpread';
}

export function noStatisticReasonOfV(series: SeriesPoint[], v: number | null): NoStatisticReason | null {
  if (v !== null) return null;
  const counted = (side: 'before' | 'after') => series.some((point) => point[side] > 0);
  if (!counted('before') || !counted('after')) return 'tooFew';
  return series.filter((point) => point.before > 0 || point.after > 0).length === 1 ? 'oneValue' : 'tooFew';
}

/**
 * `magnitude` is null when there is no statistic to size (`noStatisticReason` says why): with
 * too few customers "negligible" would claim a measured non-change.
 */
export type CategoricalShift = { series: SeriesPoint[]; totalVariation: number; cramersV: number | null; magnitude: Magnitude | null; noStatisticReason: NoStatisticReason | null };

/**
 * Compares two distributions of counts (customers, orders, or amounts) over
 * the same labels. `countsForV` (e.g. line counts when the distribution is of
 * amounts) feeds Cramér's V, which needs counts of things, not money.
 */
export function compareCategorical(before: Map<string, number>, after: Map<string, number>, countsForV?: { before: Map<string, number>; after: Map<string, number> }): CategoricalShift {
  const labels = [...new Set([...before.keys(), ...after.keys()])];
  const share = (counts: Map<string, number>) => {
    const total = [...counts.values()].reduce((sum, value) => sum + value, 0);
    return labels.map((label) => (total > 0 ? (counts.get(label) ?? 0) / total : 0));
  };
  const beforeShares = share(before);
  const afterShares = share(after);
  const forV = countsForV ?? { before, after };
  const v = cramersV([labels.map((label) => forV.before.get(label) ?? 0), labels.map((label) => forV.after.get(label) ?? 0)]);
  const series = labels.map((label, index) => ({ label, before: beforeShares[index], after: afterShares[index] }))
    .sort((a, b) => b.before + b.after - (a.before + a.after));
  return { series, totalVariation: totalVariationDistance(beforeShares, afterShares), cramersV: v, magnitude: v === null ? null : magnitudeOfV(v), noStatisticReason: noStatisticReasonOfV(series, v) };
}

export type GroupShift = { label: string; before: number; after: number; beforeShare: number; afterShare: number; change: 'grew' | 'shrank' | 'steady' };

/**
 * Flags groups (personas) whose share of active customers moved notably: by at
 * least `minPoints` percentage points and `minRelative` of their earlier share.
 */
export function flagShifts(rows: Array<{ label: string; before: number; after: number }>, options: { minPoints?: number; minRelative?: number } = {}): GroupShift[] {
  const minPoints = options.minPoints ?? 0.02;
  const minRelative = options.minRelative ?? 0.2;
  const totalBefore = rows.reduce((sum, row) => sum + row.before, 0);
  const totalAfter = rows.reduce((sum, row) => sum + row.after, 0);
  return rows.map((row) => {
    const beforeShare = totalBefore > 0 ? row.before / totalBefore : 0;
    const afterShare = totalAfter > 0 ? row.after / totalAfter : 0;
    const difference = afterShare - beforeShare;
    const isNotable = Math.abs(difference) >= minPoints && (beforeShare === 0 || Math.abs(difference) / beforeShare >= minRelative);
    return { ...row, beforeShare, afterShare, change: !isNotable ? 'steady' : difference > 0 ? 'grew' : 'shrank' };
  });
}
