import { normaliseColumnName, type Mapping } from '../rows/fields.js';
import type { Preset } from './preset.js';
import { presentColumns, valueOf } from './preset-helpers.js';
import { shopeeOrderStatus } from './shopee-status.js';

// Both spellings are found in exports saved by different versions of Seller Centre.
const returnColumns = ['Status Pembatalan/ Pengembalian', 'Status Pembatalan/Pengembalian'];
const orderStatusColumn = 'Status Pesanan';

// Shopee names the buyer by their username; the name and phone are the delivery address's, which is
// the buyer's own in nearly every order. Shopee masks the phone (******7890), and a masked phone is
// never an identity (rows/row-values.ts, maskedPhone): the username tells buyers apart.
const mapping = {
  order_id: 'No. Pesanan',
  status: orderStatusColumn,
  ordered_at: 'Waktu Pesanan Dibuat',
  customer_id: 'Username (Pembeli)',
  customer_name: 'Nama Penerima',
  customer_phone: 'No. Telepon',
  // the delivery address's city and province, the buyer's as its name is; as written ("KOTA BANDUNG", "JAWA BARAT")
  customer_city: 'Kota/Kabupaten',
  customer_region: 'Provinsi',
  // what the buyer paid for the order, repeated on each of its rows: products, shipping, less vouchers
  amount: 'Total Pembayaran',
  currency: '=currency',
  product_name: 'Nama Produk',
  sku: 'Nomor Referensi SKU',
  quantity: 'Jumlah',
  // how many of the product's items a return approved took back: the refund is theirs, not the whole line's
  returned_quantity: 'Returned quantity',
  unit_price: 'Harga Setelah Diskon',
};

const isOrderStatusColumn = (header: string) => normaliseColumnName(header) === normaliseColumnName(orderStatusColumn);

/**
 * The order's status is read from "Status Pesanan", into which the transform writes what the return
 * column makes of it (shopeeOrderStatus): a status refused ("Belum Bayar", unpaid) is then said of
 * the file's column, "Status Pesanan (status) …", by the CLI and the web import alike, which an
 * added column ("=status") is not. An export without the column has its status added from the
 * return column alone.
 */
function shopeeMapping(headers: readonly string[]): Mapping {
  return presentColumns(headers.some(isOrderStatusColumn) ? mapping : { ...mapping, status: '=status' }, headers);
}

/** Shopee Indonesia's Seller Centre order export (Pesanan Saya → Ekspor), saved as CSV. */
export const shopeeOrders: Preset = {
  name: 'shopee-orders',
  description: 'Shopee Indonesia Seller Centre order export (No. Pesanan, Username (Pembeli), …), saved as CSV: one row per product, amounts in rupiah; '
    + 'buyers are told apart by username, and "Status Pembatalan/ Pengembalian" marks returned orders refunded (by their "Returned quantity" when given).',
  entity: 'orders',
  source: 'shopee',
  channel: 'marketplace',
  reader: { format: 'csv', delimiter: ',' },
  dateFormat: 'yyyy-MM-dd HH:mm',
  mapping: shopeeMapping,
  addedColumns: ['=status', '=currency'],
  createTransform() {
    return (values) => {
      const returnStatus = returnColumns.map((column) => valueOf(values, column)).find((value) => value !== null) ?? null;
      const status = shopeeOrderStatus(valueOf(values, orderStatusColumn), returnStatus);
      const statusColumn = Object.keys(values).find(isOrderStatusColumn) ?? '=status';
      // Shopee Indonesia sells in rupiah whatever the store's currency: a store in another converts them at its rate
      return { values: { ...values, [statusColumn]: status, '=currency': 'IDR' } };
    };
  },
};
