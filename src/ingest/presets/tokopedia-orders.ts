import type { Mapping } from '../rows/fields.js';
import type { Preset, RecordValues, TransformResult } from './preset.js';
import { normaliseColumnName } from '../rows/fields.js';
import { presentColumns, valueOf } from './preset-helpers.js';
import { synonymKey } from '../rows/synonyms.js';

// Tokopedia names its buyer by name and phone; a name cannot tell two buyers apart, so the phone is
// the identity, unless Tokopedia masked it (628******123): then the row has none and is rejected
// (PHONE_MASKED) saying so. The recipient's name and phone are not read: the buyer's are given.
// The address is the recipient's, read as the buyer's place only when they are the buyer (buyerPlace).
const mapping = {
  order_id: 'Nomor Invoice',
  status: 'Status Terakhir',
  ordered_at: 'Tanggal Pembayaran',
  customer_phone: 'No Telp Pembeli',
  customer_name: 'Nama Pembeli',
  customer_city: '=customer_city',
  customer_region: '=customer_region',
  currency: '=currency',
  product_name: 'Nama Produk',
  sku: 'Nomor SKU',
  quantity: 'Jumlah Produk Dibeli',
  unit_price: 'Harga Jual (IDR)',
};

const unitPriceColumn = normaliseColumnName(mapping.unit_price);
const amountColumn = 'Total Penjualan (IDR)';

const hasUnitPrice = (headers: readonly string[]) => headers.some((header) => normaliseColumnName(header) === unitPriceColumn);

/**
 * One row per product of an invoice: the order's total is the sum of its products (Harga Jual ×
 * Jumlah Produk Dibeli), shipping left out. Only an export without the unit price has its
 * "Total Penjualan (IDR)" read, as the amount: the invoice's total (products and shipping), written
 * alike on each of its rows, so its rows are read as the invoice whole (see wholeInvoiceRows).
 */
function tokopediaMapping(headers: readonly string[]): Mapping {
  return presentColumns(hasUnitPrice(headers) ? mapping : { ...mapping, amount: amountColumn }, headers);
}

// What an invoice's rows read as a whole order: they must agree on these, and are compared on them (write/group-orders.ts).
const invoiceColumns = [mapping.order_id, mapping.status, mapping.ordered_at, mapping.customer_phone, mapping.customer_name, amountColumn].map(normaliseColumnName);

/**
 * Read without the unit price, each row is the whole invoice, and a later row of it is a repeat of
 * its first, which must give the same text in every column (write/repeated-rows.ts, writtenDifference):
 * "Nomor" (the report's row counter) and the product's columns differ on every row, which rejected
 * an invoice's second product as ORDER_DUPLICATE_IN_FILE. A later row of the invoice (the rows of
 * one follow each other) takes the first row's text in every column but those the invoice is read
 * from. The text is compared as read, before this transform, so it is written into the values the
 * transform is handed (the row's raw text, for its rejects, stays as written).
 */
function wholeInvoiceRows(): (values: RecordValues) => void {
  let invoice: string | null = null;
  let first: RecordValues = {};
  return (values) => {
    const id = valueOf(values, mapping.order_id);
    if (id === null || id !== invoice) {
      invoice = id;
      first = { ...values };
      return;
    }
    for (const column of Object.keys(values)) {
      if (column in first && !invoiceColumns.includes(normaliseColumnName(column))) values[column] = first[column];
    }
  };
}

// The statuses of an invoice the buyer has paid (Tokopedia shows an invoice to its seller only once its payment is
// verified) that the seller has yet to accept; read alone, the same words mean an unpaid order (synonyms.ts).
const acceptedOncePaid = new Set(['pesanan baru', 'menunggu konfirmasi', 'menunggu konfirmasi penjual'].map(synonymKey));

/**
 * "Pesanan Baru" and "Menunggu Konfirmasi" with a payment date: the buyer paid, so the invoice is
 * paid until a later report says it was cancelled (Tokopedia then refunds it; imported again, the
 * invoice takes that status). Without a payment date the buyer has not paid: the row is no purchase
 * yet, and says so (STATUS_NOT_PURCHASE) rather than that its ordered_at is empty, which sent the
 * seller looking for a date Tokopedia had not written yet.
 */
function paidOnceItsDateSays(values: RecordValues): TransformResult {
  const status = valueOf(values, mapping.status);
  if (status === null || !acceptedOncePaid.has(synonymKey(status))) return { values: {} };
  if (valueOf(values, mapping.ordered_at) === null) {
    return {
      reject: {
        // `unpaid` and `dateColumn` let a reader in another language say why (the web import's reject-text.ts)
        field: 'status', code: 'STATUS_NOT_PURCHASE', params: { value: status, unpaid: 'no_payment_date', dateColumn: mapping.ordered_at },
        reason: `${mapping.status} (status) "${status}" with no ${mapping.ordered_at} (the payment date): the buyer has not paid yet, so the invoice is not imported; import it again once it is paid`,
      },
    };
  }
  const column = Object.keys(values).find((name) => normaliseColumnName(name) === normaliseColumnName(mapping.status))!;
  return { values: { [column]: 'paid' } };
}

const personKey = (name: string | null) => name?.toLowerCase().replace(/\s+/g, ' ') ?? null;

/**
 * The delivery address's "Kota" and "Provinsi" (as written: "DKI Jakarta") as where the buyer
 * lives, when the recipient is the buyer ("Nama Penerima" is "Nama Pembeli"): a gift's address is
 * its recipient's, and the buyer's place is then not known. Empty when the report names no recipient.
 */
function buyerPlace(values: RecordValues): RecordValues {
  const buyer = personKey(valueOf(values, mapping.customer_name));
  const isBuyersOwn = buyer !== null && buyer === personKey(valueOf(values, 'Nama Penerima'));
  return { '=customer_city': isBuyersOwn ? valueOf(values, 'Kota') : null, '=customer_region': isBuyersOwn ? valueOf(values, 'Provinsi') : null };
}

/** Tokopedia's seller sales report (Daftar Transaksi / Laporan Penjualan), saved as CSV. */
export const tokopediaOrders: Preset = {
  name: 'tokopedia-orders',
  description: 'Tokopedia seller sales report (Nomor Invoice, Tanggal Pembayaran, Status Terakhir, …), saved as CSV with its header as the first row: '
    + 'one row per product, amounts in rupiah; buyers are told apart by phone (a masked one is no identity).',
  entity: 'orders',
  source: 'tokopedia',
  channel: 'marketplace',
  reader: { format: 'csv', delimiter: ',' },
  dateFormat: 'dd-MM-yyyy HH:mm:ss',
  mapping: tokopediaMapping,
  addedColumns: ['=currency', '=customer_city', '=customer_region'],
  createTransform() {
    let asWholeInvoice: ((values: RecordValues) => void) | null | undefined;
    return (values) => {
      asWholeInvoice ??= hasUnitPrice(Object.keys(values)) ? null : wholeInvoiceRows();
      asWholeInvoice?.(values);
      const status = paidOnceItsDateSays(values);
      if ('reject' in status) return status;
      // Tokopedia sells in rupiah whatever the store's currency: a store in another converts them at its rate
      return { values: { ...values, ...status.values, ...buyerPlace(values), '=currency': 'IDR' } };
    };
  },
};
