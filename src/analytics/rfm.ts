import { rfmSegmentOf, type RfmSegment } from './rfm-segments.js';

export type RfmInput = { customerId: number; recencyDays: number; frequency: number; monetaryMinor: number };
export type RfmScore = RfmInput & { r: number; f: number; m: number; segment: RfmSegment };

/**
 * The score 1–5 of a value held by `tied` customers who take positions `first` … `first + tied − 1`
 * in the order from worst to best of `count` customers: the fifth the group begins in, so the worst
 * value always scores 1 (CDNOW's 12,054 one-time buyers, 51% of the store, all score F = 1), and the
 * best value scores 5 however many share it (a quarter of a store that bought today all score R = 5).
 * Tied customers share a score whatever order they came in, so identical customers never land in
 * different segments. Without ties it is the quintile of the position. A store where everyone is
 * tied, or a single customer, has nothing to rank against: its one value is the worst and scores 1.
 * (Until the twelfth session ties were broken by customer id, which split identical one-time buyers
 * between F = 1, 2 and 3; after it, until 2026-12-03, a group took the fifth its middle fell in,
 * which scored those one-time buyers F = 2 and left F = 1, and with it "Lost", empty.)
 */
export function quintileScore(first: number, tied: number, count: number): number {
  const isBest = first > 0 && first + tied === count;
  return isBest ? 5 : 1 + Math.floor((5 * first) / count);
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
 * R, F and M scores 1–5 by quintiles over real customers, ties sharing a score (the fifth their group
 * begins in; the best value 5: quintileScore) and recency's fewer days scoring higher, and the named
 * segment of each; the reference for rfm.repo.ts.
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

/**
 * The recency and frequency scores no customer holds, from a grid's counts: a tied group that spans
 * two fifths takes the score of the one it begins in, so the next can stay empty (F = 2 on CDNOW,
 * where the one-time buyers fill the first 51%). The grid's readers say so beside it.
 */
export function emptyRfmScores(grid: readonly { r: number; f: number; customers: number }[]): { recency: number[]; frequency: number[] } {
  const isHeld = (score: number, axis: 'r' | 'f') => grid.some((cell) => cell[axis] === score && cell.customers > 0);
  const scores = [1, 2, 3, 4, 5];
  return { recency: scores.filter((score) => !isHeld(score, 'r')), frequency: scores.filter((score) => !isHeld(score, 'f')) };
}
