/**
 * The usual 11 named RFM segments, decided by the R and F scores alone (M is
 * reported beside them). Every one of the 25 R×F cells maps to exactly one name.
 *
 *            F=1             F=2                  F=3                  F=4              F=5
 *   R=5  New customers   Potential loyalists  Potential loyalists  Champions        Champions
 *   R=4  Promising       Potential loyalists  Potential loyalists  Loyal            Loyal
 *   R=3  About to sleep  About to sleep       Need attention       Loyal            Loyal
 *   R=2  Hibernating     Hibernating          At risk              At risk          Can't lose them
 *   R=1  Lost            Hibernating          At risk              At risk          Can't lose them
 */
export const rfmSegmentNames = [
  'Champions', 'Loyal', 'Potential loyalists', 'New customers', 'Promising', 'Need attention',
  'About to sleep', 'At risk', "Can't lose them", 'Hibernating', 'Lost',
] as const;

export type RfmSegment = (typeof rfmSegmentNames)[number];

export function rfmSegmentOf(recencyScore: number, frequencyScore: number): RfmSegment {
  const r = recencyScore;
  const f = frequencyScore;
  if (r === 5) return f === 1 ? 'New customers' : f <= 3 ? 'Potential loyalists' : 'Champions';
  if (r === 4) return f === 1 ? 'Promising' : f <= 3 ? 'Potential loyalists' : 'Loyal';
  if (r === 3) return f <= 2 ? 'About to sleep' : f === 3 ? 'Need attention' : 'Loyal';
  if (f === 5) return "Can't lose them";
  if (f >= 3) return 'At risk';
  return r === 1 && f === 1 ? 'Lost' : 'Hibernating';
}

/** All 25 cells, for SQL to join against so the map lives in one place. */
export function rfmSegmentGrid(): Array<{ r: number; f: number; segment: RfmSegment }> {
  const cells: Array<{ r: number; f: number; segment: RfmSegment }> = [];
  for (let r = 1; r <= 5; r += 1) for (let f = 1; f <= 5; f += 1) cells.push({ r, f, segment: rfmSegmentOf(r, f) });
  return cells;
}
