import type { CsvOptions } from '../../../core/csv.js';
import { toCsv } from '../../components/csv.js';

export type CsvPage<Row> = { items: Row[]; nextCursor: string | null };

export type CsvExport<Row> = {
  header: readonly unknown[];
  /** The page after `cursor` (null: the first), asked for with the list's largest page size. */
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<CsvPage<Row>>;
  cellsOf: (row: Row) => readonly unknown[];
  onProgress: (rows: number) => void;
  signal: AbortSignal;
  /** A comma and a point, formulas guarded, unless given: a spreadsheet's separators may follow the reader's language; the re-import form is written unguarded. */
  format?: CsvOptions;
};

/**
 * Pages through a whole list, one request at a time so the server is not
 * flooded, and turns each page into CSV text as it comes: a large export is
 * held as text, not as row objects. Returns the file's parts, for a Blob.
 * Stops between pages once `signal` is aborted.
 */
export async function collectCsv<Row>({ header, fetchPage, cellsOf, onProgress, signal, format }: CsvExport<Row>): Promise<string[]> {
  const parts = [toCsv([header], format)];
  let rows = 0;
  let cursor: string | null = null;
  do {
    const page: CsvPage<Row> = await fetchPage(cursor, signal);
    if (page.items.length > 0) parts.push(toCsv(page.items.map(cellsOf), format));
    rows += page.items.length;
    cursor = page.nextCursor;
    onProgress(rows);
  } while (cursor !== null && !signal.aborted);
  return parts;
}
