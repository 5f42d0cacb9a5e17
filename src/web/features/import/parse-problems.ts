/** What went wrong reading a line of the file, as Papa Parse reports it (type, code, 0-based data row). */
export type ParseError = { type: string; code: string; row?: number; index?: number };

export type ParseProblem = {
  /** The file's line (the header is line 1), when the parser names one. */
  line: number | null;
  kind: 'unclosedQuote' | 'tooFewFields' | 'tooManyFields' | 'other';
};

function kindOf(error: ParseError): ParseProblem['kind'] | null {
  if (error.type === 'Quotes') return 'unclosedQuote';
  if (error.code === 'TooFewFields') return 'tooFewFields';
  if (error.code === 'TooManyFields') return 'tooManyFields';
  // "Unable to auto-detect delimiting character": a file of one column, or an empty one; the rows
  // (or their absence) tell the rest, so it is no problem of its own
  if (error.type === 'Delimiter') return null;
  return 'other';
}

/** The file's line of an error: from its place in the text when the parser gives it (a quoted row spans lines), else from its row. */
function lineOf(error: ParseError, text: string): number | null {
  if (error.index !== undefined) return text.slice(0, error.index).split('\n').length;
  return error.row === undefined ? null : error.row + 2;
}

/** One problem per line and kind: a broken quote is reported twice by the parser (malformed, then unterminated), and said once. */
export function parseProblemsOf(errors: readonly ParseError[], text: string): ParseProblem[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    const kind = kindOf(error);
    if (kind === null) return [];
    const problem = { line: lineOf(error, text), kind };
    const key = `${problem.line}:${kind}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [problem];
  });
}

/**
 * A quote opened and never closed makes the parser read the lines after it as one field: that row
 * holds its neighbours' data and they are gone. Nothing of such a file may be sent.
 */
export function blocksImport(problems: readonly ParseProblem[]): boolean {
  return problems.some((problem) => problem.kind === 'unclosedQuote');
}
