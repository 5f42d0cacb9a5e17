import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { hasAgreedTo, type ConsentKind } from '../../../customers/consent-kinds.js';
import { customerCsvCells, customerCsvHeader, machineCsvOptions, segmentMemberCsvColumns, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import { spreadsheetSeparators, utf8ByteOrderMark } from '../../components/spreadsheet-csv.js';
import { collectCsv, type CsvPage } from '../customers/export-csv.js';
import type { ExportProgress } from '../customers/export-customers.js';
import { spreadsheetCells, spreadsheetHeader, type SpreadsheetContext } from '../customers/export-spreadsheet.js';

/** The members API's largest page. */
const memberPageSize = 1000;

/** What an export with a consent wrote, and how many members it left out for want of that consent. */
export type ConsentExport = { parts: string[]; exported: number; leftOut: number };

/**
 * Every member of a segment who agreed to `kind`, in customer number order, with the columns and
 * forms of the members export (export-customers.ts); the members API sends each member's consent,
 * so the rest are dropped page by page as they come and counted.
 */
export async function exportConsentingMembers(segmentId: number, kind: ConsentKind, { onProgress, signal, form }: ExportProgress): Promise<ConsentExport> {
  let exported = 0;
  let leftOut = 0;
  const fetchPage = async (cursor: string | null, pageSignal: AbortSignal): Promise<CsvPage<CustomerCsvRow>> => {
    const page = await api.get<Page<CustomerCsvRow>>(`/api/segments/${segmentId}/members`, { limit: memberPageSize, cursor: cursor ?? undefined }, pageSignal);
    const items = page.items.filter((row) => hasAgreedTo(row, kind));
    exported += items.length;
    leftOut += page.items.length - items.length;
    return { items, nextCursor: page.nextCursor };
  };
  const columns = segmentMemberCsvColumns;
  if (form.kind === 'machine') {
    const parts = await collectCsv<CustomerCsvRow>({ header: customerCsvHeader(columns, form.money), fetchPage, cellsOf: (row) => customerCsvCells(row, columns, form.money), onProgress, signal, format: machineCsvOptions });
    return { parts, exported, leftOut };
  }
  const sheet = await withPersonaNames(form, signal);
  const parts = await collectCsv<CustomerCsvRow>({ header: spreadsheetHeader(columns, sheet), fetchPage, cellsOf: (row) => spreadsheetCells(row, columns, sheet), onProgress, signal, format: spreadsheetSeparators(form.locale) });
  return { parts: [utf8ByteOrderMark, ...parts], exported, leftOut };
}

/**
 * A members sheet writes each persona by its name as stored ("young low-spend small-basket, coffee"),
 * as the CLI's `segments members --csv` and the re-import form do: that is the name a persona filter,
 * the API and a program match (ignoring case), so a name copied from the sheet can be pasted into a
 * filter. The reader's rebuilt name (the Personas page's "Young low-spend small-basket, “coffee”",
 * or a translated one) matches no filter: the server knows no translations. So no persona lookup is
 * made and none is passed on, whatever the form brought.
 */
export async function withPersonaNames(form: SpreadsheetContext, _signal: AbortSignal): Promise<SpreadsheetContext> {
  return { ...form, personaName: undefined };
}
