import type { IngestEntity, Locale, Reject } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { spreadsheetCsv } from '../../components/spreadsheet-csv.js';
import { rejectTextWithOtherProblems } from './reject-text.js';

/**
 * The rejects' download: each row's line, field, code (for support) and reason as the table says it.
 * A person opens it in a spreadsheet, so it is written as the customer export is (export-spreadsheet.ts):
 * the byte order mark, so Excel reads "Rīga" as UTF-8, and ";" between fields where the reader's language
 * writes a decimal comma, where a comma-separated file lands whole in column A.
 */
export function rejectsCsvFile(rejects: readonly Reject[], entity: IngestEntity, t: I18n['t'], locale: Locale): string {
  const rows = rejects.map((reject) => [reject.line, reject.field, reject.code, rejectTextWithOtherProblems(reject, entity, t, locale)]);
  return spreadsheetCsv([['line', 'field', 'code', 'reason'], ...rows], locale);
}
