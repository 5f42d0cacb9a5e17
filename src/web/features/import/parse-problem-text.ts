import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { delimiterName, type ParseProblem } from './parse-problems.js';

/** A problem of a line as the page says it, its counts in their plural forms ("1 column", "1 kolonna"). */
export function parseProblemText(problem: ParseProblem, t: I18n['t'], locale: Locale): string {
  if (problem.kind === 'unclosedQuote') return t('import.parseProblems.unclosedQuote', { line: problem.line });
  if (problem.kind === 'cutOffQuote') return t('import.parseProblems.cutOffQuote', { line: problem.line });
  if (problem.kind === 'notJsonObject') return t('import.parseProblems.notJsonObject', { line: problem.line });
  return t('import.parseProblems.columnCount', {
    line: problem.line,
    values: t(pluralKey(locale, 'import.valueCount', problem.values), { count: problem.values }),
    columns: t(pluralKey(locale, 'import.columnCount', problem.columns), { count: problem.columns }),
    delimiter: delimiterName(problem.delimiter),
  });
}
