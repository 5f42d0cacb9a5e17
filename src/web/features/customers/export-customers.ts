import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { customerCsvCells, customerCsvColumns, customerCsvHeader, machineCsvOptions, segmentMemberCsvColumns, type CsvColumn, type CsvMoney, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import { collectCsv } from './export-csv.js';
import { spreadsheetSeparators, utf8ByteOrderMark } from '../../components/spreadsheet-csv.js';
import { spreadsheetCells, spreadsheetHeader, type SpreadsheetContext } from './export-spreadsheet.js';
import { withPersonaNames } from '../segments/export-members.js';

/** The largest pages the two lists give (GET /api/customers, GET /api/segments/:id/members). */
const customerPageSize = 500;
const memberPageSize = 1000;

/**
 * Which file: `machine` is the documented one with field codes that re-imports
 * (the CLI writes the same); `spreadsheet` is the same rows for a person.
 */
export type CsvForm = { kind: 'machine'; money: CsvMoney } | ({ kind: 'spreadsheet' } & SpreadsheetContext);

export type ExportProgress = { onProgress: (rows: number) => void; signal: AbortSignal; form: CsvForm };

/** Every customer the list's filter holds, in the list's order, as CSV parts (see customer-csv.ts for the columns). */
export function exportCustomers(query: Record<string, string | number | undefined>, progress: ExportProgress): Promise<string[]> {
  return collectRows(customerCsvColumns, progress, (cursor, pageSignal) =>
    api.get<Page<CustomerCsvRow>>('/api/customers', { ...query, limit: customerPageSize, cursor: cursor ?? undefined }, pageSignal));
}

/** Every member of a saved segment, in customer number order, with when each entered it (and in a sheet, persona names as the Personas page shows them). */
export async function exportSegmentMembers(segmentId: number, progress: ExportProgress): Promise<string[]> {
  const form = progress.form.kind === 'spreadsheet' ? { kind: 'spreadsheet' as const, ...await withPersonaNames(progress.form, progress.signal) } : progress.form;
  return collectRows(segmentMemberCsvColumns, { ...progress, form }, (cursor, pageSignal) =>
    api.get<Page<CustomerCsvRow>>(`/api/segments/${segmentId}/members`, { limit: memberPageSize, cursor: cursor ?? undefined }, pageSignal));
}

async function collectRows(
  columns: readonly CsvColumn[], { onProgress, signal, form }: ExportProgress,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<CustomerCsvRow>>,
): Promise<string[]> {
  if (form.kind === 'machine') {
    return collectCsv<CustomerCsvRow>({ header: customerCsvHeader(columns, form.money), fetchPage, cellsOf: (row) => customerCsvCells(row, columns, form.money), onProgress, signal, format: machineCsvOptions });
  }
  const parts = await collectCsv<CustomerCsvRow>({ header: spreadsheetHeader(columns, form), fetchPage, cellsOf: (row) => spreadsheetCells(row, columns, form), onProgress, signal, format: spreadsheetSeparators(form.locale) });
  return [utf8ByteOrderMark, ...parts];
}
