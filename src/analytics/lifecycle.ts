/**
 * Lifecycle stages: acquisition (first sign of interest: an event, any order,
 * or a received order), activation (first verified purchase), retention (a
 * second purchase day) and advocacy (defined, but empty until referrals or NPS
 * are recorded).
 */
export const lifecycleStages = ['acquisition', 'activation', 'retention', 'advocacy'] as const;

export type LifecycleCountsRow = {
  dimension: 'all' | 'channel' | 'cohort';
  segment: string;
  acquired: number;
  activated: number;
  retained: number;
  medianDaysToActivation: number | null;
  medianDaysToRetention: number | null;
};

export type LifecycleFunnel = {
  dimension: LifecycleCountsRow['dimension'];
  segment: string;
  stages: Array<{ stage: (typeof lifecycleStages)[number]; customers: number; conversionFromPrevious: number | null }>;
  medianDaysToActivation: number | null;
  medianDaysToRetention: number | null;
};

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1_000_000) / 1_000_000);

/** Stages no data feeds yet: shown, empty, with no conversion (null, not 0%: nobody failed to convert). */
export const untrackedStages: ReadonlySet<(typeof lifecycleStages)[number]> = new Set(['advocacy']);

export function buildFunnel(row: LifecycleCountsRow): LifecycleFunnel {
  // until referrals or promoter scores are recorded
  const advocates = 0;
  return {
    dimension: row.dimension,
    segment: row.segment,
    stages: [
      { stage: 'acquisition', customers: row.acquired, conversionFromPrevious: null },
      { stage: 'activation', customers: row.activated, conversionFromPrevious: rate(row.activated, row.acquired) },
      { stage: 'retention', customers: row.retained, conversionFromPrevious: rate(row.retained, row.activated) },
      { stage: 'advocacy', customers: advocates, conversionFromPrevious: null },
    ],
    medianDaysToActivation: row.medianDaysToActivation,
    medianDaysToRetention: row.medianDaysToRetention,
  };
}
