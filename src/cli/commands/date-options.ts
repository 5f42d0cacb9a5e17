import type { z } from 'zod';
import { calendarDaySchema, dayOrInstantSchema } from '../../core/calendar-date.js';
import { AppError } from '../../core/errors.js';

/**
 * The API's day schemas, for CLI options: a pattern alone lets 2026-02-30
 * through, which Date rolls over to March 2 and PostgreSQL refuses.
 */
function checkDate(schema: z.ZodType<string>, option: string, value: string): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('CLI_ARGUMENT_INVALID', `${option}: ${JSON.stringify(value.slice(0, 40))} is not ${parsed.error.issues[0]?.message ?? 'a date'}.`, { field: option });
}

/** A commander parser for a day option (YYYY-MM-DD); a wrong value is a usage error naming the option. */
export const dayOption = (option: string) => (value: string): string => checkDate(calendarDaySchema, option, value);

/** Checks a day (YYYY-MM-DD) or an ISO 8601 time, as the API's as-of takes, given in (or as part of) an option. */
export const checkDayOrInstant = (option: string, value: string): string => checkDate(dayOrInstantSchema, option, value);

export const dayOrInstantOption = (option: string) => (value: string): string => checkDayOrInstant(option, value);
