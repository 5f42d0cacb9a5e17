import { exactCalendarDayOf } from '../../../core/calendar-day.js';
import { fileNamePart, safeFileName } from '../../components/file-name.js';

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
 * A segment's name as a file name part, after the translated "segment": "Kafija Rīgā!" → "kafija-rīgā".
 * Its letters stay as written, accents included, as the translated base before it keeps its own
 * (file-name.ts): a Latvian file is not named half with and half without them. Lower-cased, its words
 * joined by dashes and the punctuation between them left out; what a file system refuses and the
 * part's length are file-name.ts's one rule. A name without a letter or digit falls back to the
 * segment's number.
 */
export function segmentFilePart(name: string, segmentId: number): string {
  // marks too: a Devanagari vowel sign, or an accent with no precomposed letter, belongs to its word
  const words = name.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return fileNamePart(words.join('-')) || String(segmentId);
}
