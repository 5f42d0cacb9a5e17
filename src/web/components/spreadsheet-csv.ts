import type { Locale } from '../api/types.js';
import { intlTagByLocale } from '../i18n/messages.js';
import { toCsv, type CsvSeparators } from './csv.js';

/** ";" and a decimal comma where the language writes 0,5; a comma and a point elsewhere. */
export function spreadsheetSeparators(locale: Locale): Required<CsvSeparators> {
  const decimal = new Intl.NumberFormat(intlTagByLocale[locale]).formatToParts(0.5).find((part) => part.type === 'decimal')?.value;
  return decimal === ',' ? { field: ';', decimal: ',' } : { field: ',', decimal: '.' };
}

/** Excel reads a CSV file in the system's legacy code page unless it starts with this, and "Rīga" turns into "RÄ«ga". */
export const utf8ByteOrderMark = '\ufeff';

/**
 * A file a person opens in a spreadsheet with a double click (the customer export, a chart's data,
 * the rejects): the byte order mark, and the separators of the reader's language, where a
 * comma-separated file would land whole in column A (export-spreadsheet.ts says why).
 */
export function spreadsheetCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>, locale: Locale): string {
  return utf8ByteOrderMark + toCsv(rows, spreadsheetSeparators(locale));
}
