import { rfmSegmentOf, type RfmSegment } from './rfm-segments.js';

export type RfmInput = { customerId: number; recencyDays: number; frequency: number; monetaryMinor: number };
export type RfmScore = RfmInput & { r: number; f: number; m: number; segment: RfmSegment };

/**
 * Quintile of each position in an ordering of n items, as PostgreSQL's
 * ntile(5) assigns it: the first n mod 5 groups get one extra member.
 */
export function ntile(position: number, count: number, buckets = 5): number {
  const base = Math.floor(count / buckets);
  const larger = count % buckets;
  const inLarger = larger * (base + 1);
  if (position < inLarger) return Math.floor(position / (base + 1)) + 1;
  return larger + Math.floor((position - inLarger) / base) + 1;
}

function scoreBy(inputs: readonly RfmInput[], value: (input: RfmInput) => number): Map<number, number> {
  // Worst first, so the best land in quintile 5. Among ties the lower
  // customer_id (known longer) sorts later and so gets the higher score:
  // deterministic and reproducible on every store.
  const ordered = [...inputs].sort((a, b) => value(a) - value(b) || b.customerId - a.customerId);
  return new Map(ordered.map((input, position) => [input.customerId, ntile(position, ordered.length)]));
}

/**
 * R, F and M scores 1–5 by quintiles over real customers (recency: fewer days
 * scores higher) and the named segment of each; the reference for rfm.repo.ts.
 */
export function scoreRfm(inputs: readonly RfmInput[]): RfmScore[] {
  const r = scoreBy(inputs, (input) => -input.recencyDays);
  const f = scoreBy(inputs, (input) => input.frequency);
  const m = scoreBy(inputs, (input) => input.monetaryMinor);
  return inputs.map((input) => {
    const scores = { r: r.get(input.customerId)!, f: f.get(input.customerId)!, m: m.get(input.customerId)! };
    return { ...input, ...scores, segment: rfmSegmentOf(scores.r, scores.f) };
  });
}
