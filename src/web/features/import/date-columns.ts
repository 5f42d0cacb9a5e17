import type { IngestEntity } from '../../api/types.js';
import type { RejectCode } from '../../../ingest/reject-codes.js';
import { canonicalFields, type Mapping } from '../../../ingest/rows/fields.js';
import { inferDateFormat, type InferredDateFormat } from '../../../ingest/rows/date-format-guess.js';
import { dateFormatProblem, dateFormatsFor, parseDateTime } from '../../../ingest/rows/parse-date.js';
import { RowProblem } from '../../../ingest/rows/row-problem.js';

/**
 * A mapped date column with values whose rows the date format given (`format`, null when none)
 * would have refused for how they are written. `value`: the first such value some format reads,
 * null when there is none; `formats`: the formats that read every such value without refusing a
 * value read now (two when the day and the month could come either way), else none; `conflict`:
 * then, a value of the column that the formats reading `value` would refuse (2026-11-20 beside
 * 25/11/2026). `notDate`: the first value that is a day in no format (31/11/2026), null when none:
 * its row is refused whatever the format.
 */
export type UnreadableDateColumn = {
  field: string; column: string; format: string | null;
  value: string | null; formats: string[]; conflict: string | null; notDate: string | null;
};

// the server refuses days in its future; here only whether the text reads matters
const farFuture = new Date(8.64e15);

/** Why the server would refuse the text as a date with this format, or null when it reads it. */
function problemReading(field: string, value: string, format: string | null): RejectCode | null {
  try {
    parseDateTime(field, value, { dateFormat: format, timeZone: 'UTC', now: farFuture });
    return null;
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    return error.code;
  }
}

const isAccepted = (problem: RejectCode | null) => problem === null || problem === 'DATE_BEFORE_1970';

/** Refused for how the date is written or for a day that is not there, which a format may explain (25/11/2026 read month first). */
const isRefusedAsWritten = (problem: RejectCode | null) => problem === 'DATE_UNREADABLE' || problem === 'DATE_FORMAT_MISMATCH' || problem === 'DATE_NOT_ON_CALENDAR';

/** A format suggested must read the value as a real day: MM/dd/yyyy does not fit 25/11/2026. */
const fits = (field: string, value: string, format: string) => isAccepted(problemReading(field, value, format));

/**
 * Whether the value is a day in no format: day, month and year in neither order (31/11/2026,
 * 13/13/2026), or a day that does not exist in a shape read without a format (2026-02-30, 31.02.2026).
 */
function isDateInNoFormat(field: string, value: string): boolean {
  const formats = dateFormatsFor(value);
  if (formats.length > 0) return !formats.some((format) => fits(field, value, format));
  return problemReading(field, value, null) === 'DATE_NOT_ON_CALENDAR';
}

/** The column's distinct values, trimmed, empty ones left out: a file repeats its days, each is judged once. */
function distinctValues(rows: readonly Record<string, string>[], column: string): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = row[column]?.trim();
    if (value) values.add(value);
  }
  return [...values];
}

/**
 * One value for each way of writing the column's dates (how many digits each part has, which
 * separators): what dateFormatsFor reads from the values written alike (d or dd, M or MM, H or
 * HH), so that asking about each of 200,000 values does not go through all the others each time.
 */
function oneOfEachWriting(values: readonly string[]): string[] {
  const byWriting = new Map<string, string>();
  for (const value of values) {
    const writing = value.replace(/\d+/g, (digits) => String(digits.length));
    if (!byWriting.has(writing)) byWriting.set(writing, value);
  }
  return [...byWriting.values()];
}

/**
 * The date columns that would have their rows refused for their dates, said before the import:
 * the server checks with the same parser, row by row, so every row of the file is checked here
 * (a day after the 12th on row 1,501 is what tells the day from the month). A format is offered
 * only when it reads every value offered for and refuses no value read now, as the CLI guesses
 * one only when no value of the column is read without it (date-format-guess.ts): a format given
 * reads every row.
 */
export function unreadableDateColumns(entity: IngestEntity, rows: readonly Record<string, string>[], mapping: Mapping, dateFormat: string): UnreadableDateColumn[] {
  const format = dateFormat.trim() || null;
  // a format that cannot read any date is refused before the import as a whole, with its own reason
  if (format !== null && dateFormatProblem(format) !== null) return [];
  const found: UnreadableDateColumn[] = [];
  for (const field of canonicalFields[entity].filter((name) => name.endsWith('_at'))) {
    const column = mapping[field];
    if (!column) continue;
    const problems = new Map(distinctValues(rows, column).map((value) => [value, problemReading(field, value, format)]));
    const refused = [...problems].filter(([, problem]) => isRefusedAsWritten(problem)).map(([value]) => value);
    if (refused.length === 0) continue;
    const notDates = refused.filter((value) => isDateInNoFormat(field, value));
    const isNotDate = new Set(notDates);
    const readable = refused.filter((value) => !isNotDate.has(value));
    const acceptedNow = [...problems].filter(([, problem]) => isAccepted(problem)).map(([value]) => value);
    const value = readable[0] ?? null;
    // a part written with one digit in some value is d, M or H for all: dd/MM/yyyy would refuse 3/4/2026 beside 25/11/2026
    const alike = [...readable, ...acceptedNow];
    const writings = oneOfEachWriting(alike);
    const candidates = [...new Set(readable.flatMap((each) => dateFormatsFor(each, writings)))];
    const formats = candidates.filter((candidate) => alike.every((other) => fits(field, other, candidate)));
    let conflict: string | null = null;
    if (value !== null && formats.length === 0) {
      const readingValue = dateFormatsFor(value, writings).filter((candidate) => fits(field, value, candidate));
      conflict = [...acceptedNow, ...readable].find((other) => readingValue.length > 0 && readingValue.every((candidate) => !fits(field, other, candidate))) ?? null;
    }
    found.push({ field, column, format, value, formats, conflict, notDate: notDates[0] ?? null });
  }
  return found;
}

/**
 * The date format the file's dates prove, as the CLI's file import infers it when given none
 * (date-format-guess.ts, from its first 1,000 such dates): 25/11/2026 can only be day first. Only a proof counts here, not
 * the CLI's dotted dates taken as day first by convention: the importer reads those without a
 * format, and a format chosen for the user would refuse the rows written otherwise.
 */
export function provenDateFormat(entity: IngestEntity, rows: readonly Record<string, string>[], mapping: Mapping): InferredDateFormat | null {
  // each distinct date once, from every row: a file repeats its days
  const dateColumns = canonicalFields[entity].filter((name) => name.endsWith('_at')).map((field) => mapping[field]).filter((column) => column);
  const sample = dateColumns.flatMap((column) => distinctValues(rows, column).map((value) => ({ [column]: value })));
  const inferred = inferDateFormat(entity, new Map(Object.entries(mapping)), sample);
  return inferred?.inferredFrom ? inferred : null;
}

/**
 * The date columns of `columns` (unreadableDateColumns) whose every date the date format typed
 * refuses: imported so, every row would be refused for its date, and the page waits for a format
 * that fits (MM/dd/yyyy typed for a file of 25.11.2026). Only some refused, the rows are imported
 * and the others refused, as the warning says. With no format given nothing is held back: the
 * import then says, as the CLI does, that every row was refused.
 */
export function columnsRefusedWhole(rows: readonly Record<string, string>[], columns: readonly UnreadableDateColumn[]): UnreadableDateColumn[] {
  return columns.filter(({ field, column, format }) => {
    if (format === null) return false;
    const values = distinctValues(rows, column);
    return values.length > 0 && values.every((value) => !isAccepted(problemReading(field, value, format)));
  });
}
