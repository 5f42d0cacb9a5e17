import type { Preset } from './preset.js';

/** UCI "Online Retail" (data/datasets/online-retail): one row per invoice line, GBP. */
export const uciOnlineRetail: Preset = {
  name: 'uci-online-retail',
  description: 'UCI Machine Learning Repository "Online Retail" CSV (InvoiceNo, StockCode, …, CustomerID, Country): line-level orders in GBP; C-invoices are refunds.',
  entity: 'orders',
  source: 'online-retail',
  reader: { format: 'csv', delimiter: ',' },
  dateFormat: 'yyyy-MM-dd HH:mm:ss',
  mapping: {
    order_id: 'InvoiceNo',
    sku: 'StockCode',
    product_name: 'Description',
    quantity: '=quantity',
    ordered_at: 'InvoiceDate',
    unit_price: 'UnitPrice',
    customer_id: 'CustomerID',
    location: 'Country',
    status: '=status',
    currency: '=currency',
    channel: '=channel',
  },
  addedColumns: ['=quantity', '=status', '=currency', '=channel'],
  createTransform() {
    return (values) => {
      if (!values.CustomerID?.trim()) {
        return { reject: { field: 'customer_id', code: 'CUSTOMER_MISSING', reason: 'CustomerID is empty: the retailer recorded no customer for this sale, so there is no one to attribute it to', params: {} } };
      }
      const quantity = Number(values.Quantity);
      // A C invoice cancels an earlier one and lists negative quantities; negative quantities on
      // ordinary invoices are stock adjustments. Both are money going back: refunds of positive amounts.
      const isRefund = /^c/i.test(values.InvoiceNo?.trim() ?? '') || quantity < 0;
      return {
        values: {
          ...values,
          '=quantity': Number.isFinite(quantity) ? String(Math.abs(quantity)) : values.Quantity,
          '=status': isRefund ? 'refunded' : 'paid',
          '=currency': 'GBP',
          '=channel': 'web',
        },
      };
    };
  },
};
