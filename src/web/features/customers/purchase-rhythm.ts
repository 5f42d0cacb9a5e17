import type { TimelineEntry } from '../../api/types.js';

export type RhythmPoint = { day: string; gapDays: number | null; amountMinor: number };

/**
 * Paid purchases grouped by calendar day (same-day orders count once, as in the
 * models), each with the days since the previous purchase day.
 */
export function purchaseRhythm(entries: readonly TimelineEntry[]): RhythmPoint[] {
  const amountByDay = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind !== 'order' || entry.detail.asRecipient === true || entry.detail.status !== 'paid') continue;
    const day = entry.at.slice(0, 10);
    amountByDay.set(day, (amountByDay.get(day) ?? 0) + Number(entry.detail.amountMinor ?? 0));
  }
  const days = [...amountByDay.keys()].sort();
  return days.map((day, index) => ({
    day,
    gapDays: index === 0 ? null : Math.round((Date.parse(day) - Date.parse(days[index - 1])) / 86_400_000),
    amountMinor: amountByDay.get(day) ?? 0,
  }));
}

export function medianGap(points: readonly RhythmPoint[]): number | null {
  const gaps = points.map((point) => point.gapDays).filter((gap): gap is number => gap !== null).sort((a, b) => a - b);
  if (gaps.length === 0) return null;
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
}
