import { drawLatentHabits, isLeadIndex, type ProfileContext } from './customer-profile.js';
import type { Persona } from './personas.js';
import { createRandom } from './random.js';
import { drawRepeatThresholds, type Intensity } from './timeline.js';

/** Profile and timeline streams are numbered so calibration replays exactly what generation draws. */
export const profileStream = 1;
export const timelineStream = 2;
export const detailStream = 3;

const largestMultiplier = 256;

export type CalibrationInput = {
  seed: number;
  people: number;
  targetOrders: number;
  context: ProfileContext;
  intensities: Map<Persona, Intensity>;
  acquisition: Float64Array;
  /** How many people to replay at most; above it, an evenly spaced sample. */
  sampleLimit?: number;
};

export function countBuyers(people: number, leadsRatio: number): number {
  return people - Math.floor(people * leadsRatio);
}

/**
 * The rate multiplier that makes the buyers place `targetOrders` orders. Each
 * buyer's count is 1 + #(repeat thresholds below the multiplier), so the
 * answer is an order statistic of the pooled thresholds: exact when every
 * person is replayed, a sample estimate above `sampleLimit`.
 */
export function findRateMultiplier(input: CalibrationInput): number {
  const { seed, people, targetOrders, context } = input;
  const buyers = countBuyers(people, context.leadsRatio);
  if (buyers === 0) return 1;
  const step = Math.max(1, Math.ceil(people / (input.sampleLimit ?? 40_000)));
  const sample: number[] = [];
  for (let index = 0; index < people; index += step) if (!isLeadIndex(index, context.leadsRatio)) sample.push(index);
  const repeatsWanted = Math.round((targetOrders * sample.length) / buyers) - sample.length;
  if (repeatsWanted <= 0) return 0;
  // thresholds above `upTo` are not collected; widen only when the answer lies beyond
  for (let upTo = 2; ; upTo *= 2) {
    const thresholds: number[] = [];
    for (const index of sample) {
      const habits = drawLatentHabits(createRandom(seed, index, profileStream), context);
      const timelineRandom = createRandom(seed, index, timelineStream);
      drawRepeatThresholds(timelineRandom, habits, input.intensities.get(habits.persona)!, input.acquisition, upTo, thresholds);
    }
    if (repeatsWanted < thresholds.length) {
      const sorted = Float64Array.from(thresholds).sort();
      // halfway between the last threshold taken and the first left out
      return (sorted[repeatsWanted - 1] + sorted[repeatsWanted]) / 2;
    }
    if (upTo >= largestMultiplier) return upTo;
  }
}
