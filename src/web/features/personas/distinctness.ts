/**
 * How distinct the personas are, from the model's mean silhouette. The bands
 * follow Kaufman & Rousseeuw (1990, Finding Groups in Data, ch. 2), who read an
 * average silhouette above 0.5 as a reasonable-to-strong structure, 0.26–0.50 as
 * weak, and 0.25 or less as no substantial structure; we merge the top two into
 * "clearly" and soften their last two to "fairly" and "weakly" distinct.
 */
export type Distinctness = 'clear' | 'fair' | 'weak';

/** Above `clear`: clearly distinct; from `fair` up to and including `clear`: fairly; below `fair`: weakly. */
export const distinctnessThresholds = { clear: 0.5, fair: 0.25 } as const;

export function distinctnessOf(silhouette: number | null): Distinctness | null {
  if (silhouette === null || !Number.isFinite(silhouette)) return null;
  if (silhouette > distinctnessThresholds.clear) return 'clear';
  if (silhouette >= distinctnessThresholds.fair) return 'fair';
  return 'weak';
}
