import type { z } from 'zod';
import { calendarDaySchema, dayOrInstantSchema, earliestDay, latestDay } from '../../core/calendar-date.js';
import { AppError } from '../../core/errors.js';
import { shownValue } from '../usage-errors.js';

/**
 * The API's day schemas, for CLI options: a pattern alone lets 2026-02-30
 * through, which Date rolls over to March 2 and PostgreSQL refuses. The refusal
 * says what the option takes in the reader's terms, not the schema's.
 */
function checkDate(schema: z.ZodType<string>, option: string, value: string, takes: string): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('CLI_ARGUMENT_INVALID', `${option} takes ${takes}, from ${earliestDay} to ${latestDay}, not ${shownValue(value)}.`, { field: option });
}

/** A commander parser for a day option (YYYY-MM-DD); a wrong value is a usage error naming the option. */
export const dayOption = (option: string) => (value: string): string => checkDate(calendarDaySchema, option, value, 'a calendar day like 2026-12-05');

/** Checks a day (YYYY-MM-DD) or an ISO 8601 time, as the API's as-of takes, given in (or as part of) an option. */
export const checkDayOrInstant = (option: string, value: string): string => checkDate(dayOrInstantSchema, option, value, 'a calendar day like 2026-12-05 or an ISO 8601 time like 2026-12-05T10:00:00Z');

export const dayOrInstantOption = (option: string) => (value: string): string => checkDayOrInstant(option, value);
