import { defaultRepeatHorizonDays } from './cohorts.js';

/**
 * Lifecycle stages: acquisition (first sign of interest: an event, any order,
 * or a received order), activation (first verified purchase), retention (a
 * second purchase day) and advocacy (defined, but empty until referrals or NPS
 * are recorded).
 */
export const lifecycleStages = ['acquisition', 'activation', 'retention', 'advocacy'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

/**
 * The horizon of the same-age conversions, the cohorts' repeat horizon: a customer who reached a stage
 * yesterday has had one day to go on, one who reached it two years ago two years; counted together,
 * rates fall as a store grows and differ between channels only by their age mix.
 */
export const defaultLifecycleHorizonDays = defaultRepeatHorizonDays;

/**
 * `…Observed`: customers who reached the stage before this one at least the horizon's days before the
 * as-of day (old enough to judge); `…WithinHorizon`: those of them who reached this one within the horizon.
 */
export type LifecycleCountsRow = {
  dimension: 'all' | 'channel' | 'cohort';
  segment: string;
  acquired: number;
  activated: number;
  retained: number;
  medianDaysToActivation: number | null;
  medianDaysToRetention: number | null;
  activationObserved: number;
  activatedWithinHorizon: number;
  medianDaysToActivationWithinHorizon: number | null;
  retentionObserved: number;
  retainedWithinHorizon: number;
  medianDaysToRetentionWithinHorizon: number | null;
};

/** A stage's conversion at the same age: of those who reached the previous stage at least the horizon ago, who went on within it. */
export type StageWithinHorizon = {
  /** Of the previous stage, those who reached it at least horizonDays before the as-of day: the denominator. */
  observedCustomers: number;
  /** Of those, the ones who reached this stage within horizonDays of the previous one. */
  customers: number;
  /** customers / observedCustomers; null (too early to tell) while no one is old enough. */
  conversion: number | null;
  /** Of the previous stage, those who reached it less than horizonDays before the as-of day: left out, too early to tell. */
  tooYoungCustomers: number;
};

export type LifecycleFunnelStage = {
  stage: LifecycleStage;
  /** So far: everyone who reached the stage up to the as-of day. */
  customers: number;
  /** So far: customers / the previous stage's customers, whatever their age (lower for a younger mix by construction). */
  conversionFromPrevious: number | null;
  /** Null for acquisition (nothing before it) and for a stage no data feeds yet. */
  withinHorizon: StageWithinHorizon | null;
};

export type LifecycleFunnel = {
  dimension: LifecycleCountsRow['dimension'];
  segment: string;
  stages: LifecycleFunnelStage[];
  medianDaysToActivation: number | null;
  medianDaysToRetention: number | null;
  /** Median days of those who went on within the horizon (of the observed); null when none did. */
  medianDaysToActivationWithinHorizon: number | null;
  medianDaysToRetentionWithinHorizon: number | null;
};

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1_000_000) / 1_000_000);

/** Stages no data feeds yet: shown, empty, with no conversion (null, not 0%: nobody failed to convert). */
export const untrackedStages: ReadonlySet<LifecycleStage> = new Set(['advocacy']);

function withinHorizon(converted: number, observed: number, previousStage: number): StageWithinHorizon {
  return { observedCustomers: observed, customers: converted, conversion: rate(converted, observed), tooYoungCustomers: previousStage - observed };
}

export function buildFunnel(row: LifecycleCountsRow): LifecycleFunnel {
  // until referrals or promoter scores are recorded
  const advocates = 0;
  return {
    dimension: row.dimension,
    segment: row.segment,
    stages: [
      { stage: 'acquisition', customers: row.acquired, conversionFromPrevious: null, withinHorizon: null },
      {
        stage: 'activation', customers: row.activated, conversionFromPrevious: rate(row.activated, row.acquired),
        withinHorizon: withinHorizon(row.activatedWithinHorizon, row.activationObserved, row.acquired),
      },
      {
        stage: 'retention', customers: row.retained, conversionFromPrevious: rate(row.retained, row.activated),
        withinHorizon: withinHorizon(row.retainedWithinHorizon, row.retentionObserved, row.activated),
      },
      { stage: 'advocacy', customers: advocates, conversionFromPrevious: null, withinHorizon: null },
    ],
    medianDaysToActivation: row.medianDaysToActivation,
    medianDaysToRetention: row.medianDaysToRetention,
    medianDaysToActivationWithinHorizon: row.medianDaysToActivationWithinHorizon,
    medianDaysToRetentionWithinHorizon: row.medianDaysToRetentionWithinHorizon,
  };
}
