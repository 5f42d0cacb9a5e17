import type { Mapping } from '../rows/fields.js';
import type { Preset } from './preset.js';
import { normaliseColumnName } from '../rows/fields.js';
import { presentColumns } from './preset-helpers.js';

// Tokopedia names its buyer by name and phone; a name cannot tell two buyers apart, so the phone is
// the identity, unless Tokopedia masked it (628******123): then the row has none and is rejected
// (PHONE_MASKED) saying so. The recipient's name and phone are not read: the buyer's are given.
const mapping = {
  order_id: 'Nomor Invoice',
  status: 'Status Terakhir',
  ordered_at: 'Tanggal Pembayaran',
  customer_phone: 'No Telp Pembeli',
  customer_name: 'Nama Pembeli',
  currency: '=currency',
  product_name: 'Nama Produk',
  sku: 'Nomor SKU',
  quantity: 'Jumlah Produk Dibeli',
  unit_price: 'Harga Jual (IDR)',
};

const unitPriceColumn = normaliseColumnName(mapping.unit_price);

/**
 * One row per product of an invoice: the order's total is the sum of its products (Harga Jual ×
 * Jumlah Produk Dibeli), shipping left out. Only an export without the unit price has its
 * "Total Penjualan (IDR)" read, as the amount of an invoice of one row.
 */
function tokopediaMapping(headers: readonly string[]): Mapping {
  const hasUnitPrice = headers.some((header) => normaliseColumnName(header) === unitPriceColumn);
  return presentColumns(hasUnitPrice ? mapping : { ...mapping, amount: 'Total Penjualan (IDR)' }, headers);
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
  addedColumns: ['=currency'],
  createTransform() {
    // Tokopedia sells in rupiah whatever the store's currency: a store in another converts them at its rate
    return (values) => ({ values: { ...values, '=currency': 'IDR' } });
  },
};
