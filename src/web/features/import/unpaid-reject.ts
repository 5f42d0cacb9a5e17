import type { Mapping } from '../../../ingest/rows/fields.js';
import type { Reject } from '../../api/types.js';

/**
 * A format's reject of a status that is no purchase yet, on a row whose order date is empty: a
 * Tokopedia invoice "Pesanan Baru" is paid once it has a payment date ("Tanggal Pembayaran", read
 * as the order date), and without one the buyer has not paid (presets/tokopedia-orders.ts). Said
 * only as "not a completed purchase", the seller could not tell why a new order was refused; the
 * reject names the empty column (`unpaid: 'no_payment_date'`, `dateColumn`) for the page to say so.
 */
export function withUnpaidReason<R extends Pick<Reject, 'code' | 'params'>>(reject: R, row: Readonly<Record<string, string>>, mapping: Mapping): R {
  const dateColumn = mapping.ordered_at;
  if (reject.code !== 'STATUS_NOT_PURCHASE' || !dateColumn || dateColumn.startsWith('=') || (row[dateColumn] ?? '').trim() !== '') return reject;
  return { ...reject, params: { ...reject.params, unpaid: 'no_payment_date', dateColumn } };
}
