/** Space between the chart's edge and what it draws, in pixels. */
export type GridMargins = { left: number; right: number; top: number; bottom: number };

/**
 * A cartesian grid whose axis labels are kept inside the chart: a long label ("Pelanggan berisiko",
 * "1,5 milj. €") shrinks the plot instead of being cut off at the chart's edge. The plot starts at
 * `margins`; `labelMargins` (by default the same) is how near the edge a label may come. This is
 * ECharts 6's `outerBounds`: its `containLabel: true` is deprecated, warns in the console, and without
 * the legacy layout (which the app does not load) falls back to these same bounds. Axis names stay
 * outside the bounds, in the space the margins leave for them.
 */
export function gridAroundLabels(margins: GridMargins, labelMargins: GridMargins = margins) {
  return { ...margins, outerBounds: labelMargins, outerBoundsContain: 'axisLabel' } as const;
}
