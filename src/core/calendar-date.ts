import { z } from 'zod';

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^(\d{4}-\d{2}-\d{2})T/;

/**
 * Whether text is a day that exists, written YYYY-MM-DD. The pattern alone lets
 * 2026-02-30 through, and JavaScript's Date quietly rolls it over to March 2
 * while PostgreSQL refuses it.
 */
export function isRealDay(text: string): boolean {
  const match = dayPattern.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  // setUTCFullYear, as Date.UTC reads years 0-99 as 1900-1999
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The days the API takes: any real one a store's history or forecast can plausibly reach. */
export const earliestDay = '1970-01-01';
export const latestDay = '2100-12-31';

const isDayInRange = (text: string) => isRealDay(text) && text >= earliestDay && text <= latestDay;

/** A calendar day in a request (YYYY-MM-DD): the one schema every route taking a day uses. */
export const calendarDaySchema = z.string().max(10).refine(isDayInRange, { message: `a real day written YYYY-MM-DD, from ${earliestDay} to ${latestDay}` });

/** A day, or an ISO 8601 time on a real day (e.g. 2026-03-01T12:00:00Z) whose day in the store's time zone is meant. */
export const dayOrInstantSchema = z.string().max(40).refine((text) => {
  if (dayPattern.test(text)) return isDayInRange(text);
  const day = instantPattern.exec(text)?.[1];
  return day !== undefined && isDayInRange(day) && Number.isFinite(Date.parse(text));
}, { message: `a real day written YYYY-MM-DD, or an ISO 8601 time, from ${earliestDay} to ${latestDay}` });
