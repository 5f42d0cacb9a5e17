import { api } from '../../api/client.js';
import type { IngestEntity, IngestSummary, Reject } from '../../api/types.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import { toRecord } from './import-mapping.js';

/** Small enough that one batch (one transaction on the server) takes about a second, large enough to be quick. */
export const batchSize = 1000;

export type ImportTotals = { read: number; inserted: number; updated: number; unchanged: number; rejected: number; rejects: Reject[] };

export const emptyTotals: ImportTotals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejects: [] };

/**
 * Sends the rows batch by batch and adds the summaries up. Reject lines are
 * turned back into the file's own line numbers (header = line 1), so staff
 * can find the row in their spreadsheet.
 */
export async function runImport(entity: IngestEntity, rows: readonly Record<string, string>[], mapping: Mapping, onProgress: (totals: ImportTotals) => void, signal: AbortSignal): Promise<ImportTotals> {
  let totals = emptyTotals;
  for (let start = 0; start < rows.length && !signal.aborted; start += batchSize) {
    const records = rows.slice(start, start + batchSize).map((row) => toRecord(row, mapping));
    const summary = await api.post<IngestSummary>(`/api/ingest/${entity}`, { records, source: 'web' });
    totals = {
      read: totals.read + summary.read,
      inserted: totals.inserted + summary.inserted,
      updated: totals.updated + summary.updated,
      unchanged: totals.unchanged + summary.unchanged,
      rejected: totals.rejected + summary.rejected,
      rejects: [...totals.rejects, ...summary.rejects.map((reject) => ({ ...reject, line: start + reject.line + 1 }))],
    };
    onProgress(totals);
  }
  return totals;
}
