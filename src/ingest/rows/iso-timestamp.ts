import { wallTimeToMillis } from './zone-offsets.js';

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The number written by the two digits at `index`, or -1. */
function twoDigits(value: string, index: number): number {
  const tens = value.charCodeAt(index) - 48;
  const units = value.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/**
 * Epoch milliseconds of an ISO 8601 date or timestamp in the shapes exports nearly always write
 * (`2025-03-01`, `2025-03-01T08:15`, `…:00`, `…:00.123`, each optionally followed by `Z`,
 * `+07`, `+0700` or `+07:00`; a space may stand for the T), read by hand instead of through
 * luxon, which allocates a dozen objects a date. A time without an offset is wall-clock time in
 * `timeZone`. Returns null for anything else, out-of-range fields included, so that the caller
 * falls back to luxon and its messages; on these shapes the answer equals luxon's (see
 * parse-date.test.ts).
 */
export function readIsoTimestamp(value: string, timeZone: string): number | null {
  const length = value.length;
  if (length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const century = twoDigits(value, 0);
  const yearOfCentury = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  // Date.UTC maps years 0–99 to 19xx; such years are typos, and luxon reads them correctly.
  if (century < 10 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return null;
  const year = century * 100 + yearOfCentury;
  if (day > (month === 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1])) return null;
  if (length === 10) return wallTimeToMillis(Date.UTC(year, month - 1, day), timeZone);

  const separator = value.charCodeAt(10);
  if ((separator !== 84 && separator !== 32) || length < 16 || value.charCodeAt(13) !== 58) return null;
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  // Luxon also reads 24:00 as the next midnight; rare enough to leave to it.
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let second = 0;
  let millisecond = 0;
  let position = 16;
  if (value.charCodeAt(position) === 58) {
    second = twoDigits(value, position + 1);
    if (second < 0 || second > 59) return null;
    position += 3;
    if (value.charCodeAt(position) === 46) {
      const fractionStart = position + 1;
      position = fractionStart;
      while (position < length && position - fractionStart < 10 && value.charCodeAt(position) >= 48 && value.charCodeAt(position) <= 57) position++;
      if (position === fractionStart || position - fractionStart > 9) return null;
      // Exactly luxon's arithmetic: the fraction is truncated through a float, so ".57" is 569 ms.
      millisecond = Math.floor(parseFloat(`0.${value.slice(fractionStart, position)}`) * 1000);
    }
  }
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (position === length) return wallTimeToMillis(wallAsUtc, timeZone);

  const sign = value.charCodeAt(position);
  if (sign === 90) return position + 1 === length ? wallAsUtc : null;
  if (sign !== 43 && sign !== 45) return null;
  const offsetHours = twoDigits(value, position + 1);
  let offsetMinutes = 0;
  position += 3;
  if (position < length) {
    if (value.charCodeAt(position) === 58) position++;
    offsetMinutes = twoDigits(value, position);
    position += 2;
  }
  if (position !== length || offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return null;
  return wallAsUtc - (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}
