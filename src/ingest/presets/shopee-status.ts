import { statusSynonyms, synonymKey } from '../rows/synonyms.js';

/**
 * What Shopee's "Status Pembatalan/ Pengembalian" column says became of an order, where it says
 * so. Its "Status Pesanan" stays "Selesai" (completed) after the buyer returned the order and got
 * their money back: only this column tells, and read without it a returned order counted as a sale.
 * Requests still open ("Menunggu Persetujuan", "Sedang Diproses", "Pengembalian Diajukan") and
 * refused or settled ones ("Permintaan Ditolak", "Masalah Diselesaikan") change nothing: the
 * buyer has paid and kept the order, unless a later export says otherwise.
 */
const outcomes = new Map<string, 'refunded' | 'cancelled'>([
  // a return or refund request the seller or Shopee approved, or one completed
  ...['permintaan disetujui', 'pengembalian disetujui', 'pengembalian dana disetujui', 'pengembalian barang/dana disetujui',
    'pengembalian selesai', 'pengembalian berhasil', 'pengembalian dana selesai', 'pengembalian dana berhasil', 'dana dikembalikan',
    'refund disetujui', 'refund berhasil'].map((word) => [synonymKey(word), 'refunded'] as const),
  // a cancellation that went through
  ...['pembatalan disetujui', 'pembatalan berhasil', 'dibatalkan', 'pesanan dibatalkan', 'batal'].map((word) => [synonymKey(word), 'cancelled'] as const),
]);

/**
 * The status an order of a Shopee export is imported with: its "Status Pesanan" (`orderStatus`,
 * read as any status is, build-order.ts), unless its "Status Pembatalan/ Pengembalian"
 * (`returnStatus`) says it was refunded or cancelled. An order its own status calls cancelled
 * ("Batal") stays so when the column says "Permintaan Disetujui": the request approved was its
 * cancellation, and a cancelled order was never a sale to refund.
 */
export function shopeeOrderStatus(orderStatus: string | null, returnStatus: string | null): string | null {
  const outcome = returnStatus === null ? undefined : outcomes.get(synonymKey(returnStatus));
  if (outcome === undefined) return orderStatus;
  const isCancelled = orderStatus !== null && statusSynonyms.get(synonymKey(orderStatus)) === 'cancelled';
  return outcome === 'refunded' && isCancelled ? orderStatus : outcome;
}
