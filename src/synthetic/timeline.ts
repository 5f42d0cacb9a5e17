import type { Calendar } from './calendar.js';
import type { LatentHabits } from './customer-profile.js';
import { personas, type Persona } from './personas.js';
import { drawExponential, type Random } from './random.js';

/**
 * When a buyer purchases. The process is BG/NBD-like (Fader, Hardie & Lee,
 * "Counting your customers the easy way", Marketing Science 24(2), 2005):
 * while alive, purchases arrive as a Poisson process with the buyer's rate,
 * and after each purchase the buyer drops out with probability p. Time runs in
 * "intensity units" so weekly and yearly seasonality bend the process without
 * changing its structure: day d holds weekly(d) × yearly(d) units.
 */

export type Intensity = {
  /** cumulative[d] = intensity units before day d; length dayCount + 1. */
  cumulative: Float64Array;
};

/** Annual growth in new customers (the chain keeps opening and advertising). */
const yearlyAcquisitionGrowth = 0.35;
const maximumPurchases = 5_000;

export function buildIntensities(calendar: Calendar): Map<Persona, Intensity> {
  const intensities = new Map<Persona, Intensity>();
  for (const persona of personas) {
    const cumulative = new Float64Array(calendar.dayCount + 1);
    for (let day = 0; day < calendar.dayCount; day++) {
      cumulative[day + 1] = cumulative[day] + persona.weekly[calendar.weekdays[day]] * calendar.yearlyFactors[day];
    }
    intensities.set(persona, { cumulative });
  }
  return intensities;
}

/** Cumulative weights of first-purchase (or first-contact) days: growth times the season. */
export function buildAcquisition(calendar: Calendar): Float64Array {
  const growthPerDay = Math.log(1 + yearlyAcquisitionGrowth) / 365.25;
  const cumulative = new Float64Array(calendar.dayCount + 1);
  for (let day = 0; day < calendar.dayCount; day++) {
    cumulative[day + 1] = cumulative[day] + Math.exp(growthPerDay * day) * Math.sqrt(calendar.yearlyFactors[day]);
  }
  return cumulative;
}

/** The index d with cumulative[d] ≤ position < cumulative[d + 1], clamped to the calendar. */
export function findDay(cumulative: Float64Array, position: number): number {
  let low = 0;
  let high = cumulative.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (cumulative[middle] <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Draws a day from cumulative weights. */
export function drawDay(random: Random, cumulative: Float64Array): number {
  return findDay(cumulative, random() * cumulative[cumulative.length - 1]);
}

type TimelineStart = { firstDay: number; startPosition: number; remaining: number; purchaseLimit: number };

/** The draws every buyer's timeline starts with; shared by calibration and generation. */
function drawTimelineStart(random: Random, profile: LatentHabits, intensity: Intensity, acquisition: Float64Array): TimelineStart {
  const { cumulative } = intensity;
  const firstDay = drawDay(random, acquisition);
  const startPosition = cumulative[firstDay] + random() * (cumulative[firstDay + 1] - cumulative[firstDay]);
  const remaining = cumulative[cumulative.length - 1] - startPosition;
  const survival = 1 - random();
  // purchases before dropout, geometric: P(n) = (1-p)^(n-1) p
  const purchaseLimit = Math.min(maximumPurchases, 1 + Math.floor(Math.log(survival) / Math.log(1 - profile.dropoutProbability)));
  return { firstDay, startPosition, remaining, purchaseLimit };
}

/**
 * For calibration: the multiplier above which each repeat purchase would fall
 * inside the calendar. A buyer's purchase count at multiplier m is
 * 1 + #(thresholds < m), and it only grows with m.
 */
export function drawRepeatThresholds(
  random: Random, profile: LatentHabits, intensity: Intensity, acquisition: Float64Array, upTo: number, into: number[],
): void {
  const start = drawTimelineStart(random, profile, intensity, acquisition);
  let elapsed = 0;
  for (let purchase = 1; purchase < start.purchaseLimit; purchase++) {
    elapsed += drawExponential(random);
    const threshold = elapsed / (profile.rate * start.remaining);
    if (threshold >= upTo) return;
    into.push(threshold);
  }
}

export type Timeline = {
  /** Day index of every purchase, the first being the acquisition. */
  purchaseDays: number[];
  /** Day of the last purchase when the buyer dropped out inside the calendar, else null. */
  dropoutDay: number | null;
};

export function drawTimeline(
  random: Random, profile: LatentHabits, intensity: Intensity, acquisition: Float64Array, multiplier: number,
): Timeline {
  const start = drawTimelineStart(random, profile, intensity, acquisition);
  const purchaseDays = [start.firstDay];
  let elapsed = 0;
  for (let purchase = 1; purchase < start.purchaseLimit; purchase++) {
    elapsed += drawExponential(random);
    const threshold = elapsed / (profile.rate * start.remaining);
    if (!(threshold < multiplier)) return { purchaseDays, dropoutDay: null };
    purchaseDays.push(findDay(intensity.cumulative, start.startPosition + elapsed / (profile.rate * multiplier)));
  }
  return { purchaseDays, dropoutDay: purchaseDays[purchaseDays.length - 1] };
}
