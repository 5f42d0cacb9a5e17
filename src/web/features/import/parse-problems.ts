import type { Reject } from '../../api/types.js';

/** A rejected row with its text as written, for the rejects download (the CLI's rejects file has the same `raw`). */
export type RowReject = Reject & { raw: string };

/**
 * What is wrong with a line of the file, said before the import. `unclosedQuote`: a quote opened
 * and never closed; `columnCount`: a row with more or fewer values than the header has columns,
 * which is rejected (ROW_COLUMN_COUNT) as the CLI rejects it.
 */
export type ParseProblem =
  | { line: number; kind: 'unclosedQuote' }
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
 * A quote opened and never closed makes the reader read the lines after it as one value: that row
 * holds its neighbours' data and they are gone. Nothing of such a file may be sent.
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
