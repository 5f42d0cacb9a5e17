import { DateTime } from 'luxon';
import type { ImportEntity } from '../canonical.js';
import { canonicalFields } from './fields.js';
import { dateToken, isReadableWithoutFormat } from './parse-date.js';

/**
 * The date format a file's own dates show, used as if given with --date-format.
 * `inferredFrom`: a value only `format` reads (23/03/2026 can only be day first), or null for
 * dates written with dots, which are day first by convention. `otherOrder`: the format with
 * the day and the month swapped, for the owner to give if the guess is wrong.
 */
export type InferredDateFormat = { format: string; field: string; column: string; inferredFrom: string | null; otherOrder: string };

/** The values looked at: the first records of a file (those sampled for its column plan). */
export type DateSample = ReadonlyArray<Readonly<Record<string, string | null>>>;

// day and month (either order) with /, . or -, a year, and an optional time with a space
const dayMonthYear = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(:\d{2})?)?$/;

// a first chunk can hold thousands of records; a few hundred values show the order
const sampledValues = 1000;

type Shape = { first: string; second: string; separator: string; year: string; hour: string | undefined; seconds: string | undefined };

function shapeOf(value: string): Shape | null {
  const match = dayMonthYear.exec(value);
  if (!match) return null;
  const [, first, separator, second, year, hour, , seconds] = match;
  return { first, second, separator, year, hour, seconds };
}

const readsAll = (values: readonly string[], format: string) => values.every((value) => DateTime.fromFormat(value, format, { zone: 'utc', locale: 'en-US' }).isValid);

/**
 * The one format of day, month and year that reads every value while the other order does
 * not: some value has a first part over 12 (day first) or a second part over 12 (month first).
 * Null when both orders read every value (03/04/2026 alone: April or March?), when neither does
 * (25/11/2026 beside 11/25/2026), or when the values are not written alike (some with a time,
 * some without). A two-digit year is read only when the values write one (yy, as 20yy).
 * Dates written with dots are taken as day first without such a value: no locale writes the
 * month first with dots (parse-date.ts, dottedDayFirst, reads them so without any format).
 */
export function dateFormatOfValues(values: readonly string[]): { format: string; inferredFrom: string | null; otherOrder: string } | null {
  const shapes = values.map(shapeOf);
  if (shapes.length === 0 || shapes.some((shape) => shape === null)) return null;
  const known = shapes as Shape[];
  const [model] = known;
  const sameWriting = known.every((shape) => shape.separator === model.separator && shape.year.length === model.year.length
    && (shape.hour === undefined) === (model.hour === undefined) && (shape.seconds === undefined) === (model.seconds === undefined));
  if (!sameWriting) return null;
  const firsts = known.map((shape) => shape.first);
  const seconds = known.map((shape) => shape.second);
  const year = model.year.length === 2 ? 'yy' : 'yyyy';
  const time = model.hour === undefined ? '' : ` ${dateToken('H', known.map((shape) => shape.hour!))}:mm${model.seconds === undefined ? '' : ':ss'}`;
  const written = (parts: string[]) => `${[...parts, year].join(model.separator)}${time}`;
  const dayFirst = written([dateToken('d', firsts), dateToken('M', seconds)]);
  const monthFirst = written([dateToken('M', firsts), dateToken('d', seconds)]);
  const isDayFirst = readsAll(values, dayFirst);
  const isMonthFirst = readsAll(values, monthFirst);
  const evidence = (format: string) => values.find((value) => !readsAll([value], format)) ?? null;
  if (isDayFirst && !isMonthFirst) return { format: dayFirst, inferredFrom: evidence(monthFirst), otherOrder: monthFirst };
  if (isMonthFirst && !isDayFirst) return { format: monthFirst, inferredFrom: evidence(dayFirst), otherOrder: dayFirst };
  if (isDayFirst && model.separator === '.') return { format: dayFirst, inferredFrom: null, otherOrder: monthFirst };
  return null;
}

/**
 * The date format of a file imported without one, read once from its first records: the values
 * of its date fields (ordered_at, created_at, occurred_at) that need a format, i.e. not ISO 8601,
 * epoch or another shape parseDateTime reads without one. `columns`: field → the file's column.
 * Null when no value needs a format or the values do not settle it (dateFormatOfValues); then
 * such rows are rejected with the formats that may read them, as without the guess. Null too
 * when the column also holds values read without a format (2026-11-25 beside 25/11/2026): a
 * format given reads every row, and would refuse those rows, which import without one.
 */
export function inferDateFormat(entity: ImportEntity, columns: ReadonlyMap<string, string>, sample: DateSample): InferredDateFormat | null {
  for (const field of canonicalFields[entity].filter((name) => name.endsWith('_at'))) {
    const column = columns.get(field);
    if (column === undefined) continue;
    const values: string[] = [];
    let readsWithout = false;
    for (const record of sample) {
      const value = record[column]?.trim();
      if (!value) continue;
      if (isReadableWithoutFormat(value)) readsWithout = true;
      else if (values.length < sampledValues) values.push(value);
    }
    if (values.length === 0) continue;
    if (readsWithout) return null;
    const found = dateFormatOfValues(values);
    return found && { ...found, field, column };
  }
  return null;
}
