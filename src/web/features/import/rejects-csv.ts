import type { IngestEntity, Locale, Reject } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { spreadsheetCsv } from '../../components/spreadsheet-csv.js';
import type { ParsedCsv } from './parse-csv.js';
import { rejectTextWithOtherProblems } from './reject-text.js';
import { describeField } from './field-labels.js';

/** A reject with, when known, its row's text as written in the file (`raw`, the CLI's rejects file column). */
export type RejectWithRow = Reject & { raw?: string };

/**
 * The rejects with their rows' text as written: the server's rejects name a line and the page
 * still holds the file, so a corrected row can be pasted back and imported again, as from the
 * CLI's rejects file (ingest/rejects-file.ts). The file's text wins over a `raw` the server gives,
 * which is the record it was sent: the mapped values only, under their field names' order.
 */
export function withRowText(rejects: readonly Reject[], rowTexts: ReadonlyMap<number, string>): RejectWithRow[] {
  return rejects.map((reject) => ({ ...reject, raw: rowTexts.get(reject.line) ?? (reject as RejectWithRow).raw }));
}

/** Each row's text as written in the file, by the line it starts on: read once per file, not per batch answered. */
export function rowTextsOf(csv: Pick<ParsedCsv, 'places' | 'rejects'>): Map<number, string> {
  const texts = new Map<number, string>();
  for (const place of csv.places) texts.set(place.line, place.raw);
  for (const reject of csv.rejects) texts.set(reject.line, reject.raw);
  return texts;
}

/**
 * The rejects' download: each row's line, field (by its label), code (for support), reason as the table says it,
 * and the row as written in the file (`raw`, last as in the CLI's rejects file).
 * A person opens it in a spreadsheet, so it is written as the customer export is (export-spreadsheet.ts):
 * the byte order mark, so Excel reads "Rīga" as UTF-8, and ";" between fields where the reader's language
 * writes a decimal comma, where a comma-separated file lands whole in column A.
 */
export function rejectsCsvFile(rejects: readonly RejectWithRow[], entity: IngestEntity, t: I18n['t'], locale: Locale): string {
  // the field by the label the table shows it with; the header in the reader's language (English's is the CLI's)
  const rows = rejects.map((reject) => [reject.line, reject.field ? describeField(t, entity, reject.field).label : '', reject.code,
    rejectTextWithOtherProblems(reject, entity, t, locale), reject.raw ?? '']);
  const header = (['line', 'field', 'code', 'reason', 'raw'] as const).map((column) => t(`import.rejectsFile.${column}`));
  return spreadsheetCsv([header, ...rows], locale);
}
