import type { Preset } from './preset.js';
import { presentColumns, valueOf } from './preset-helpers.js';
import { shopeeOrderStatus } from './shopee-status.js';

// Both spellings are found in exports saved by different versions of Seller Centre.
const returnColumns = ['Status Pembatalan/ Pengembalian', 'Status Pembatalan/Pengembalian'];

// Shopee names the buyer by their username; the name and phone are the delivery address's, which is
// the buyer's own in nearly every order. Shopee masks the phone (******7890), and a masked phone is
// never an identity (rows/row-values.ts, maskedPhone): the username tells buyers apart.
const mapping = {
  order_id: 'No. Pesanan',
  status: '=status',
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
  unit_price: 'Harga Setelah Diskon',
};

/** Shopee Indonesia's Seller Centre order export (Pesanan Saya → Ekspor), saved as CSV. */
export const shopeeOrders: Preset = {
  name: 'shopee-orders',
  description: 'Shopee Indonesia Seller Centre order export (No. Pesanan, Username (Pembeli), …), saved as CSV: one row per product, amounts in rupiah; '
    + 'buyers are told apart by username, and "Status Pembatalan/ Pengembalian" marks returned orders refunded.',
  entity: 'orders',
  source: 'shopee',
  channel: 'marketplace',
  reader: { format: 'csv', delimiter: ',' },
  dateFormat: 'yyyy-MM-dd HH:mm',
  mapping: (headers) => presentColumns(mapping, headers),
  addedColumns: ['=status', '=currency'],
  createTransform() {
    return (values) => {
      const returnStatus = returnColumns.map((column) => valueOf(values, column)).find((value) => value !== null) ?? null;
      // Shopee Indonesia sells in rupiah whatever the store's currency: a store in another converts them at its rate
      return { values: { ...values, '=status': shopeeOrderStatus(valueOf(values, 'Status Pesanan'), returnStatus), '=currency': 'IDR' } };
    };
  },
};
