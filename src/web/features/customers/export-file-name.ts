import { exactCalendarDayOf } from '../../../core/calendar-day.js';
import { safeFileName } from '../../components/file-name.js';

/**
 * `pelanggan-2026-12-03.csv`: the translated base and parts (file-name.ts), dated by
 * the store's calendar day, not UTC's, so an export made on a Jakarta evening carries
 * that evening's date. Without the store's zone (settings not readable yet) the
 * browser's own is used.
 */
export function exportFileName(base: string, parts: readonly (string | null)[], now: Date, timeZone: string | undefined): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return safeFileName(base, [...parts, exactCalendarDayOf(now, zone)], 'csv');
}

/**
 * A segment's name as a file name part, after the translated "segment": "Kafija Rīgā!" → "kafija-riga".
 * Letters lose their accents (a file is passed around by mail and tools that mangle
 * them); letters without a plain form (Cyrillic, CJK) are kept, and a name with
 * none at all falls back to the segment's number.
 */
export function segmentFilePart(name: string, segmentId: number): string {
  const slug = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || String(segmentId);
}
