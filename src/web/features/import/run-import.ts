import { api } from '../../api/client.js';
import type { IngestEntity, IngestSummary, OrderCounts, Reject } from '../../api/types.js';
import { planBatches } from './import-batches.js';
import type { LineRecord } from './import-rows.js';
import { withFileLines } from './reject-text.js';

/** Small enough that one batch (one transaction on the server) takes about a second, large enough to be quick. */
export const batchSize = 1000;

/** Rows, and the orders beside them (`orders`: null until a batch of an orders or lines file answers them). */
export type ImportTotals = { read: number; inserted: number; updated: number; unchanged: number; rejected: number; orders: OrderCounts | null; rejects: Reject[] };

export const emptyTotals: ImportTotals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, orders: null, rejects: [] };

/** The totals with one batch's summary added; `fileLineOf` turns a position in the batch back into the file's line. */
export function addBatchSummary(totals: ImportTotals, summary: IngestSummary, fileName: string, fileLineOf: (position: number) => number | undefined): ImportTotals {
  return {
    read: totals.read + summary.read,
    inserted: totals.inserted + summary.inserted,
    updated: totals.updated + summary.updated,
    unchanged: totals.unchanged + summary.unchanged,
    rejected: totals.rejected + summary.rejected,
    orders: addOrders(totals.orders, summary.orders ?? null),
    rejects: [...totals.rejects, ...summary.rejects.map((reject) => withFileLines(reject, fileName, fileLineOf))],
  };
}

function addOrders(sum: OrderCounts | null, orders: OrderCounts | null): OrderCounts | null {
  if (orders === null) return sum;
  if (sum === null) return { ...orders };
  return { inserted: sum.inserted + orders.inserted, updated: sum.updated + orders.updated, unchanged: sum.unchanged + orders.unchanged, rejected: sum.rejected + orders.rejected };
}

/** What the server is told besides the records: the ids' namespace, how times are written, and the file's name for the list of imports. */
export type ImportRequest = { entity: IngestEntity; source: string; dateFormat: string | null; fileName: string };

/**
 * Sends the records batch by batch (an order's rows together, see
 * planBatches) and adds the summaries up, starting from the rows already
 * rejected in the browser. A reject's position in its batch is turned back
 * into the file's own line, so staff can find the row in their spreadsheet.
 */
export async function runImport(
  request: ImportRequest, records: readonly LineRecord[], rejectedHere: readonly Reject[], onProgress: (totals: ImportTotals) => void, signal: AbortSignal,
): Promise<ImportTotals> {
  let totals: ImportTotals = { ...emptyTotals, read: rejectedHere.length, rejected: rejectedHere.length, rejects: [...rejectedHere] };
  onProgress(totals);
  for (const batch of planBatches(request.entity, records, batchSize)) {
    if (signal.aborted) break;
    const summary = await api.post<IngestSummary>(`/api/ingest/${request.entity}`, {
      records: batch.map((entry) => entry.record), source: request.source, fileName: request.fileName, ...(request.dateFormat ? { dateFormat: request.dateFormat } : {}),
    });
    totals = addBatchSummary(totals, summary, request.fileName, (position) => batch[position - 1]?.line);
    onProgress(totals);
  }
  return { ...totals, rejects: [...totals.rejects].sort((a, b) => a.line - b.line) };
}
