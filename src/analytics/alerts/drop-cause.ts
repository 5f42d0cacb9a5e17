import { isExplainingSegment } from './detect-drops.js';

/** One segment a store-wide drop lists (detect-drops `attribute`); alerts stored by older code may lack the figures. */
export type ExplainingEntry = { dimension: string; segment: string; share: number; expected?: number; actual?: number };

/** The explaining segments a stored alert's explanation lists, skipping entries of another shape. */
export function explainingEntriesOf(explanation: unknown): ExplainingEntry[] {
  const listed = typeof explanation === 'object' && explanation !== null ? (explanation as { explainedBy?: unknown }).explainedBy : undefined;
  if (!Array.isArray(listed)) return [];
  const isNumberOrAbsent = (value: unknown) => value === undefined || typeof value === 'number';
  return listed.filter((entry): entry is ExplainingEntry => typeof entry === 'object' && entry !== null
    && typeof entry.dimension === 'string' && typeof entry.segment === 'string' && typeof entry.share === 'number'
    && isNumberOrAbsent(entry.expected) && isNumberOrAbsent(entry.actual));
}

/** How many segments a drop lists at most (detect-drops `attribute`): a full list may have left a falling segment out. */
export const listedSegmentsAtMost = 5;

/**
 * What the listed segments show about a store-wide shortfall: the segment that explains most of it,
 * its share (above 1 when it fell by more than the store did), how far it fell below its own
 * expectation when the figures were kept, and whether the other segments of its kind are shown to
 * be at or above theirs.
 */
export type DropCause = { dimension: string; segment: string; share: number; shortfall: number | null; othersRose: boolean };

/**
 * The main cause of a drop, or null when no listed segment may explain one. A share above 100% does
 * not by itself mean other segments rose: each segment is judged against its own seasonal expectation,
 * and those do not add up to the store's (a median of sums is not a sum of medians). So "others rose"
 * is said only when the list is complete (every falling segment is in it) and names no other segment
 * of the same kind; never for customer types, since those defined by not buying are left out of it.
 */
export function dropCauseOf(explainedBy: readonly ExplainingEntry[]): DropCause | null {
  const top = explainedBy.find(isExplainingSegment);
  if (!top) return null;
  const isListComplete = explainedBy.length < listedSegmentsAtMost;
  const hasOtherFalling = explainedBy.some((entry) => entry !== top && entry.dimension === top.dimension);
  const othersRose = top.share > 1 && isListComplete && !hasOtherFalling && top.dimension !== 'type';
  const shortfall = typeof top.expected === 'number' && typeof top.actual === 'number' ? top.expected - top.actual : null;
  return { dimension: top.dimension, segment: top.segment, share: top.share, shortfall, othersRose };
}

/** Rounds half away from zero ("−45.5" → −46), as a reader rounds, unlike Math.round (−45). */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) || 0;
}

/** A drop's change in whole percent, from its exact figures rather than the stored, already-rounded one. */
export function wholeChangePercent(figures: { expected: number; actual: number; changePct: number }): number {
  const exact = figures.expected > 0 ? ((figures.actual - figures.expected) / figures.expected) * 100 : figures.changePct;
  return roundHalfAwayFromZero(exact);
}
