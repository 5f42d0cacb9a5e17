import { rfmSegmentOf, type RfmSegment } from './rfm-segments.js';

export type RfmInput = { customerId: number; recencyDays: number; frequency: number; monetaryMinor: number };
export type RfmScore = RfmInput & { r: number; f: number; m: number; segment: RfmSegment };

/**
 * The score 1–5 of a value held by `tied` customers who take positions `first` … `first + tied − 1`
 * in the order from worst to best of `count` customers: the fifth the middle of those positions
 * falls in. Tied customers share a score whatever order they came in, so identical customers never
 * land in different segments (until the twelfth session a tie was broken by customer id, and on
 * CDNOW one-time buyers of the same day and amount scored F = 1, 2 or 3 by their ids). With no ties
 * it is the quintile of the position; a whole store of ties, or one customer, scores 3.
 */
export function quintileScore(first: number, tied: number, count: number): number {
  return Math.min(5, 1 + Math.floor((5 * (2 * first + tied)) / (2 * count)));
}

function scoreBy(inputs: readonly RfmInput[], value: (input: RfmInput) => number): Map<number, number> {
  const ordered = [...inputs].sort((a, b) => value(a) - value(b));
  const scores = new Map<number, number>();
  for (let first = 0; first < ordered.length;) {
    let end = first + 1;
    while (end < ordered.length && value(ordered[end]) === value(ordered[first])) end += 1;
    const score = quintileScore(first, end - first, ordered.length);
    for (let position = first; position < end; position += 1) scores.set(ordered[position].customerId, score);
    first = end;
  }
  return scores;
}

/**
 * R, F and M scores 1–5 by quintiles over real customers, ties sharing a score
 * (recency: fewer days scores higher) and the named segment of each; the reference for rfm.repo.ts.
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
