import { api, ApiError } from '../../api/client.js';
import type { ImportRun, IngestEntity, IngestSummary, OrderCounts, Reject } from '../../api/types.js';
import { planBatches } from './import-batches.js';
import { addMaskedPhones, noMaskedPhones, type MaskedPhones } from './masked-phones.js';
import type { LineRecord, LineRecords } from './import-rows.js';
import { withFileColumns } from './reject-columns.js';
import { orderIdOf } from './order-ids.js';

/** Small enough that one batch (one transaction on the server) takes about a second, large enough to be quick. */
export const batchSize = 1000;

/**
 * How a run ended, as its progress says it: `completed` (every batch sent), `cancelled` (the user
 * stopped it; what the batches sent before stored stays, and the run is closed as failed, which the
 * list of imports shows as stopped); null while it runs, or when an error stopped it.
 */
export type ImportEnding = 'completed' | 'cancelled' | null;

/**
 * A batch's answer with the consents it counted (POST /api/ingest/customers): `consentRefusalsKept`, a
 * record's yes that stayed no because the customer had refused it; `consentRefusalsOverridden`, a yes
 * that replaced a stored no, sent with consentOverridesRefusals. Absent from answers stored before the
 * server counted them (an idempotent replay), and 0 for other entities.
 */
type IngestAnswer = IngestSummary & { consentRefusalsKept?: number; consentRefusalsOverridden?: number; maskedPhones?: MaskedPhones };

/**
 * Rows, and the orders beside them (`orders`: null until a batch of an orders or lines file answers them);
 * `ignoredFields`: the mapped fields any batch's answer says were not read, so none is dropped without a word;
 * `createdCustomers`: the customers the batches created (buyers or people no stored customer was found for);
 * `consentRefusalsKept` / `consentRefusalsOverridden`: consents (each counted) a row said yes to that stayed
 * no, or replaced the customer's no, the file sent as the consent authority (`isConsentAuthority`);
 * `maskedPhones`: the rows read although a marketplace masked their phone, which was ignored, and the first (its line in the file).
 */
export type ImportTotals = {
  read: number; inserted: number; updated: number; unchanged: number; rejected: number; orders: OrderCounts | null; rejects: Reject[]; ignoredFields: string[]; createdCustomers: number;
  consentRefusalsKept: number; consentRefusalsOverridden: number; isConsentAuthority: boolean; maskedPhones: MaskedPhones;
  ending: ImportEnding;
};

export const emptyTotals: ImportTotals = {
  read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, orders: null, rejects: [], ignoredFields: [], createdCustomers: 0,
  consentRefusalsKept: 0, consentRefusalsOverridden: 0, isConsentAuthority: false, maskedPhones: noMaskedPhones, ending: null,
};

/** The totals with one batch's summary added (its rejects name the file's lines: each batch says which lines it holds). */
export function addBatchSummary(totals: ImportTotals, summary: IngestAnswer): ImportTotals {
  return {
    read: totals.read + summary.read,
    inserted: totals.inserted + summary.inserted,
    updated: totals.updated + summary.updated,
    unchanged: totals.unchanged + summary.unchanged,
    rejected: totals.rejected + summary.rejected,
    orders: addOrders(totals.orders, summary.orders ?? null),
    rejects: [...totals.rejects, ...summary.rejects],
    ignoredFields: [...new Set([...totals.ignoredFields, ...(summary.ignoredFields ?? [])])],
    // an answer replayed from before the server counted them has none
    createdCustomers: totals.createdCustomers + (summary.createdCustomers ?? 0),
    consentRefusalsKept: totals.consentRefusalsKept + (summary.consentRefusalsKept ?? 0),
    consentRefusalsOverridden: totals.consentRefusalsOverridden + (summary.consentRefusalsOverridden ?? 0),
    isConsentAuthority: totals.isConsentAuthority,
    maskedPhones: addMaskedPhones(totals.maskedPhones, summary.maskedPhones),
    ending: totals.ending,
  };
}

function addOrders(sum: OrderCounts | null, orders: OrderCounts | null): OrderCounts | null {
  if (orders === null) return sum;
  if (sum === null) return { ...orders };
  return { inserted: sum.inserted + orders.inserted, updated: sum.updated + orders.updated, unchanged: sum.unchanged + orders.unchanged, rejected: sum.rejected + orders.rejected };
}

/**
 * The totals once the run is closed: completing an orders run removes the lines of earlier imports
 * that no batch restated (docs/import.md), and the orders their batches counted unchanged that lost
 * lines are counted updated, with their first rows, in the closed run's counts.
 */
export function withClosedRun(totals: ImportTotals, run: Pick<ImportRun, 'updated_count'>): ImportTotals {
  const moved = run.updated_count - totals.updated;
  if (moved <= 0) return totals;
  return {
    ...totals, updated: totals.updated + moved, unchanged: totals.unchanged - moved,
    orders: totals.orders && { ...totals.orders, updated: totals.orders.updated + moved, unchanged: totals.orders.unchanged - moved },
  };
}

/**
 * What the server is told besides the records: the ids' namespace, how times are written, the file's
 * name for the list of imports, and the format (preset) the file was read with, recorded with the run as a CLI import's is.
 * `consentOverridesRefusals`: a customers file sent as the consent authority, whose yes replaces a customer's
 * stored no (docs/privacy.md); the server allows it only with the consent:override permission (owners, admins)
 * and records it in the audit log. Other entities carry no consent: it is not sent with them.
 */
export type ImportRequest = { entity: IngestEntity; source: string; dateFormat: string | null; fileName: string; preset?: string | null; consentOverridesRefusals?: boolean };

/** Whether the request sends its file as the consent authority (a customers file only). */
export function isConsentAuthority(request: Pick<ImportRequest, 'entity' | 'consentOverridesRefusals'>): boolean {
  return request.entity === 'customers' && request.consentOverridesRefusals === true;
}

/**
 * The orders of the rows refused here (`rejectedOrders`, ids as the server keys them: import-rows.ts)
 * that no sent record names: no batch counts them, so the close does, as rejected orders, as the
 * CLI counts the order of a row it refused. An order some of whose rows were sent was counted by
 * their batch, as whatever it became.
 */
export function ordersRejectedHere(entity: IngestEntity, records: readonly LineRecord[], rejectedOrders: readonly string[]): number {
  if (entity !== 'orders' && entity !== 'lines') return 0;
  const refused = new Set(rejectedOrders);
  if (refused.size === 0) return 0;
  for (const { record } of records) {
    const orderId = orderIdOf(record.order_id);
    if (orderId !== null) refused.delete(orderId);
  }
  return refused.size;
}

/** The totals with the orders no batch counted added as rejected. */
export function withOrdersRejectedHere(totals: ImportTotals, orders: number): ImportTotals {
  if (orders === 0) return totals;
  const counted = totals.orders ?? { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  return { ...totals, orders: { ...counted, rejected: counted.rejected + orders } };
}

/** Waits before each retry of a batch whose answer did not arrive (the network, or a server restarting). */
const retryDelaysMs = [1000, 4000];

/**
 * Sends the file as one import run: opens it, sends the records batch by
 * batch (an order's rows together, see planBatches), each with its file
 * lines, and closes it, completed or, when cancelled or stopped by an error,
 * failed (what was stored stays). The summaries add up, starting from the
 * rows already rejected in the browser; each reject names the file's column of its field. A batch (or the opening of the run)
 * whose answer is lost is sent again under the same Idempotency-Key, so it is
 * stored once.
 */
export async function runImport(
  request: ImportRequest, rows: Readonly<LineRecords>, onProgress: (totals: ImportTotals) => void, signal: AbortSignal,
): Promise<ImportTotals> {
  const { records, rejects: rejectedHere } = rows;
  const rejectedOrders = ordersRejectedHere(request.entity, records, rows.rejectedOrders);
  const asConsentAuthority = isConsentAuthority(request);
  let totals: ImportTotals = withOrdersRejectedHere({
    ...emptyTotals, read: rejectedHere.length, rejected: rejectedHere.length, rejects: [...rejectedHere], isConsentAuthority: asConsentAuthority,
  }, rejectedOrders);
  onProgress(totals);
  // one key for this file's run: opening it again after a lost answer finds the run the first request opened
  const openKey = `open-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const open = { entity: request.entity, fileName: request.fileName, ...(request.preset ? { preset: request.preset } : {}) };
  const run = await withRetries(() => api.post<ImportRun>('/api/imports', open, undefined, { 'idempotency-key': openKey }));
  let isSent = false;
  try {
    let batchNumber = 0;
    for (const batch of planBatches(request.entity, records, batchSize)) {
      if (signal.aborted) break;
      batchNumber += 1;
      const body = {
        records: batch.map((entry) => entry.record), lines: batch.map((entry) => entry.line), importId: run.import_id, source: request.source,
        ...(request.dateFormat ? { dateFormat: request.dateFormat } : {}),
        ...(asConsentAuthority ? { consentOverridesRefusals: true } : {}),
      };
      const summary = await withRetries(() => api.post<IngestAnswer>(`/api/ingest/${request.entity}`, body, undefined, { 'idempotency-key': `import-${run.import_id}-batch-${batchNumber}` }));
      // the batch's rejects name the file's columns, as the CLI's: the server was sent canonical names only
      const recordOfLine = new Map(batch.map((entry) => [entry.line, entry.record]));
      const named = { ...summary, rejects: summary.rejects.map((reject) => withFileColumns(reject, rows.columns, recordOfLine.get(reject.line))) };
      // a customers file's new people are its "new" rows already: only orders and events make customers on the side
      totals = addBatchSummary(totals, request.entity === 'customers' ? { ...named, createdCustomers: 0 } : named);
      onProgress(totals);
    }
    isSent = !signal.aborted;
  } finally {
    const close = {
      status: isSent ? 'completed' : 'failed', ...(rejectedHere.length > 0 ? { rejectedBySender: rejectedHere.length } : {}),
      ...(rejectedOrders > 0 ? { rejectedOrdersBySender: rejectedOrders } : {}),
    };
    const closed = await api.post<ImportRun>(`/api/imports/${run.import_id}/close`, close).catch(() => null);
    if (closed?.status === 'completed') totals = withClosedRun(totals, closed);
  }
  // an error thrown above leaves the ending unsaid: the page shows the error
  return { ...totals, ending: isSent ? 'completed' : 'cancelled', rejects: [...totals.rejects].sort((a, b) => a.line - b.line) };
}

/** Retries only what may not have arrived: no answer at all, or a server unavailable for a moment; an answer that refuses the batch is final. */
async function withRetries<T>(send: () => Promise<T>): Promise<T> {
  for (const delay of retryDelaysMs) {
    try {
      return await send();
    } catch (error) {
      const isLost = !(error instanceof ApiError) || error.status === 502 || error.status === 503 || error.status === 504;
      if (!isLost) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return send();
}
