import type { IngestEntity } from '../../api/types.js';
import type { RejectCode } from '../../../ingest/reject-codes.js';
import { canonicalFields, type Mapping } from '../../../ingest/rows/fields.js';
import { inferDateFormat, type InferredDateFormat } from '../../../ingest/rows/date-format-guess.js';
import { dateFormatProblem, dateFormatsFor, parseDateTime } from '../../../ingest/rows/parse-date.js';
import { RowProblem } from '../../../ingest/rows/row-problem.js';

/**
 * A mapped date column whose values the date format given (`format`, null when none) does not
 * read: `value` is the first such value; `formats` the formats that read every sampled value of
 * the column (two when the day and the month could come either way), else those of `value`.
 */
export type UnreadableDateColumn = { field: string; column: string; value: string; format: string | null; formats: string[] };

// enough rows to meet a day after the 12th (which tells day-first from month-first) in most files
const sampledRows = 500;
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

/** A day that does not exist (31.02.2026) is written in a format that reads, and refused for its day, not its format. */
const reads = (field: string, value: string, format: string | null) => {
  const problem = problemReading(field, value, format);
  return problem !== 'DATE_UNREADABLE' && problem !== 'DATE_FORMAT_MISMATCH';
};

/** A format suggested must read the value as a real day: MM/dd/yyyy does not fit 25/11/2026. */
const fits = (field: string, value: string, format: string) => {
  const problem = problemReading(field, value, format);
  return problem === null || problem === 'DATE_BEFORE_1970';
};

/**
 * The date columns that would have their rows refused as unreadable, said before the import
 * with the format that reads them: the server checks with the same parser, row by row.
 */
export function unreadableDateColumns(entity: IngestEntity, rows: readonly Record<string, string>[], mapping: Mapping, dateFormat: string): UnreadableDateColumn[] {
  const format = dateFormat.trim() || null;
  // a format that cannot read any date is refused before the import as a whole, with its own reason
  if (format !== null && dateFormatProblem(format) !== null) return [];
  const sample = rows.slice(0, sampledRows);
  const found: UnreadableDateColumn[] = [];
  for (const field of canonicalFields[entity].filter((name) => name.endsWith('_at'))) {
    const column = mapping[field];
    if (!column) continue;
    const values = sample.map((row) => (row[column] ?? '').trim()).filter((value) => value !== '');
    const unreadable = values.filter((value) => !reads(field, value, format));
    if (unreadable.length === 0) continue;
    const candidates = [...new Set(unreadable.flatMap(dateFormatsFor))];
    const fitting = candidates.filter((candidate) => values.every((value) => fits(field, value, candidate)));
    found.push({ field, column, value: unreadable[0], format, formats: fitting.length > 0 ? fitting : dateFormatsFor(unreadable[0]) });
  }
  return found;
}

/**
 * The date format the file's first dates prove, as the CLI's file import infers it when given
 * none (date-format-guess.ts): 25/11/2026 can only be day first. Only a proof counts here, not
 * the CLI's dotted dates taken as day first by convention: the importer reads those without a
 * format, and a format chosen for the user would refuse the rows written otherwise.
 */
export function provenDateFormat(entity: IngestEntity, rows: readonly Record<string, string>[], mapping: Mapping): InferredDateFormat | null {
  const inferred = inferDateFormat(entity, new Map(Object.entries(mapping)), rows.slice(0, sampledRows));
  return inferred?.inferredFrom ? inferred : null;
}
