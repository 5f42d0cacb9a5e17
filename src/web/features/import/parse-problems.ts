import type { Reject } from '../../api/types.js';

/** A rejected row with its text as written, for the rejects download (the CLI's rejects file has the same `raw`). */
export type RowReject = Reject & { raw: string };

/**
 * What is wrong with a line of the file, said before the import. `unclosedQuote`: a quote opened
 * and never closed, with lines after it that it swallows; `cutOffQuote`: one opened on the file's
 * last line (a file cut off), whose row alone is rejected (ROW_QUOTE_UNCLOSED) as the CLI rejects
 * it; `columnCount`: a row with more or fewer values than the header has columns, which is rejected
 * (ROW_COLUMN_COUNT) as the CLI rejects it; `notJsonObject`: a line of a JSON Lines file that is
 * not one JSON object, rejected (ROW_NOT_JSON, ROW_NOT_OBJECT) as the CLI rejects it.
 */
export type ParseProblem =
  | { line: number; kind: 'unclosedQuote' }
  | { line: number; kind: 'cutOffQuote' }
  | { line: number; kind: 'notJsonObject' }
  | { line: number; kind: 'columnCount'; values: number; columns: number; delimiter: string };

/** How a reject names the delimiter: a tab is invisible. */
export const delimiterName = (delimiter: string) => (delimiter === '\t' ? 'tab' : delimiter);

/**
 * A row whose values do not match the header's columns, rejected with the CLI's code, values and
 * English reason (readers/read-records.ts): the value "1,234.50" unquoted in a comma file is read
 * as two values, and importing "1" as the amount would store a wrong order without a word.
 */
export function columnCountReject(file: string, line: number, values: number, columns: number, delimiter: string, raw: string): RowReject {
  const name = delimiterName(delimiter);
  return {
    file, line, field: null, code: 'ROW_COLUMN_COUNT', params: { line, values, columns, delimiter: name }, raw,
    reason: `line ${line} has ${values} values but the header has ${columns} columns; quote values that contain the delimiter "${name}"`,
  };
}

/**
 * A quote opened on the file's last line and never closed: the file was cut off there. Its row is
 * rejected with the CLI's code and English reason (readers/record-streams.ts); the rows before it are read.
 */
export function unclosedQuoteReject(file: string, line: number, raw: string): RowReject {
  return {
    file, line, field: null, code: 'ROW_QUOTE_UNCLOSED', params: { line }, raw,
    reason: `line ${line} opens a quote (") that is never closed — the file may be truncated; close the quote or remove the incomplete last row`,
  };
}

/**
 * A quote opened and never closed, with lines after it, makes the reader read the lines after it as one value: that row
 * holds its neighbours' data and they are gone. Nothing of such a file may be sent. One opened on
 * the last line swallows nothing (`cutOffQuote`): its row alone is rejected.
 */
export function blocksImport(problems: readonly ParseProblem[]): boolean {
  return problems.some((problem) => problem.kind === 'unclosedQuote');
}

/**
 * The problems said of the file as read now. While the header is advised on a later line, the
 * lines below a report's title hold more values than its one-column "header" has columns: each
 * said so, with the advice to quote values, sent the user to fix rows that are fine. The header's
 * notice says what is wrong instead; a broken quote is said all the same, as it blocks the import.
 */
export function problemsShown(problems: readonly ParseProblem[], headerLine: number, advisedHeaderLine: number | null): ParseProblem[] {
  const isHeaderElsewhere = advisedHeaderLine !== null && advisedHeaderLine > headerLine;
  return isHeaderElsewhere ? problems.filter((problem) => problem.kind !== 'columnCount') : [...problems];
}
