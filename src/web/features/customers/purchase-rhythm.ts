import { exactCalendarDayOf } from '../../../core/calendar-day.js';
import type { TimelineEntry } from '../../api/types.js';

export type RhythmPoint = { day: string; gapDays: number | null; amountMinor: number };

/**
 * What the purchase facts count as a purchase (traits.sql.ts `isVerified`): paid, or refunded only
 * in part. Counting only "paid" left out every day whose order was partly refunded, so the rhythm
 * showed fewer purchase days than the facts card beside it.
 */
const purchaseStatuses: ReadonlySet<unknown> = new Set(['paid', 'partially_refunded']);

/**
 * Verified purchases grouped by the store's calendar day (same-day orders count once, as in the
 * facts and the models), each with the days since the previous purchase day and what was paid
 * and kept that day. The day is taken in `timeZone`, the store's, as the server stores purchase
 * days: an evening order in New York is on the next day in UTC.
 */
export function purchaseRhythm(entries: readonly TimelineEntry[], timeZone: string): RhythmPoint[] {
  const amountByDay = new Map<string, number>();
  for (const entry of entries) {
    if (entry.kind !== 'order' || entry.detail.asRecipient === true || !purchaseStatuses.has(entry.detail.status)) continue;
    const day = exactCalendarDayOf(new Date(entry.at), timeZone);
    const keptMinor = Number(entry.detail.amountMinor ?? 0) - Number(entry.detail.refundedMinor ?? 0);
    amountByDay.set(day, (amountByDay.get(day) ?? 0) + keptMinor);
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
