import type { Preset } from './preset.js';

/** UCI "Online Retail" (data/datasets/online-retail): one row per invoice line, GBP. */
export const uciOnlineRetail: Preset = {
  name: 'uci-online-retail',
  description: 'UCI Machine Learning Repository "Online Retail" CSV (InvoiceNo, StockCode, …, CustomerID, Country): line-level orders in GBP; C invoices are credit notes, applied to the same customer’s earlier invoices.',
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
        // the invoice named in the reject, so a reader of the rejects file knows which order lost its line
        const order = values.InvoiceNo?.trim();
        const params: Record<string, string> = order ? { order } : {};
        return { reject: { field: 'customer_id', code: 'CUSTOMER_MISSING', reason: 'CustomerID is empty: the retailer recorded no customer for this sale, so there is no one to attribute it to', params } };
      }
      const quantity = Number(values.Quantity);
      // A C invoice cancels (part of) an earlier invoice of the same customer without naming it, listing
      // negative quantities: a credit note of positive amounts, which the store applies to that
      // customer's earlier sales (orders/credit-allocation.ts). Negative quantities on ordinary
      // invoices are stock adjustments: refunds of positive amounts, as before.
      const isCreditNote = /^c/i.test(values.InvoiceNo?.trim() ?? '');
      return {
        values: {
          ...values,
          '=quantity': Number.isFinite(quantity) ? String(Math.abs(quantity)) : values.Quantity,
          '=status': isCreditNote ? 'credit_note' : quantity < 0 ? 'refunded' : 'paid',
          '=currency': 'GBP',
          '=channel': 'web',
        },
      };
    };
  },
};
