import type { Locale } from '../../api/types.js';
import { spreadsheetCsv } from '../spreadsheet-csv.js';
import { csvTable, type ChartTable, type CsvMoney } from './chart-table.js';

/**
 * A chart's "Download CSV" file, for a person opening it in a spreadsheet, as the customer export
 * is (spreadsheet-csv.ts): the byte order mark, so Excel reads "Ieņēmumi" as UTF-8, and where the
 * reader's language writes a decimal comma, fields split by ";" and numbers as "11,2844", or the file
 * lands whole in column A. Amounts are numbers here, not text, so they take the decimal comma too.
 */
export function chartCsvFile(table: ChartTable, money: CsvMoney, locale: Locale): string {
  const [header, ...rows] = csvTable(table, money);
  const amounts = rows.map((row) => row.map((cell, column) => (table.kinds?.[column] === 'money' && typeof cell === 'string' ? Number(cell) : cell)));
  return spreadsheetCsv([header, ...amounts], locale);
}
