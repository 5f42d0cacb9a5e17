import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { customerCsvCells, customerCsvColumns, customerCsvHeader, segmentMemberCsvColumns, type CsvMoney, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import { collectCsv } from './export-csv.js';

/** The largest pages the two lists give (GET /api/customers, GET /api/segments/:id/members). */
const customerPageSize = 500;
const memberPageSize = 1000;

export type ExportProgress = { onProgress: (rows: number) => void; signal: AbortSignal; money: CsvMoney };

/** Every customer the list's filter holds, in the list's order, as CSV parts (see customer-csv.ts for the columns). */
export function exportCustomers(query: Record<string, string | number | undefined>, { onProgress, signal, money }: ExportProgress): Promise<string[]> {
  return collectCsv<CustomerCsvRow>({
    header: customerCsvHeader(customerCsvColumns, money),
    fetchPage: (cursor, pageSignal) => api.get<Page<CustomerCsvRow>>('/api/customers', { ...query, limit: customerPageSize, cursor: cursor ?? undefined }, pageSignal),
    cellsOf: (row) => customerCsvCells(row, customerCsvColumns, money),
    onProgress, signal,
  });
}

/** Every member of a saved segment, in customer number order, with when each entered it. */
export function exportSegmentMembers(segmentId: number, { onProgress, signal, money }: ExportProgress): Promise<string[]> {
  return collectCsv<CustomerCsvRow>({
    header: customerCsvHeader(segmentMemberCsvColumns, money),
    fetchPage: (cursor, pageSignal) => api.get<Page<CustomerCsvRow>>(`/api/segments/${segmentId}/members`, { limit: memberPageSize, cursor: cursor ?? undefined }, pageSignal),
    cellsOf: (row) => customerCsvCells(row, segmentMemberCsvColumns, money),
    onProgress, signal,
  });
}
