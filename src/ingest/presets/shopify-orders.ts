import type { Mapping } from '../rows/fields.js';
import type { Preset, RecordValues } from './preset.js';
import { presentColumns, valueOf } from './preset-helpers.js';

// Shopify writes the order's own fields only on its first row; later rows of the same order
// carry the line item and blanks. These are copied down from the first row.
const orderColumns = ['Email', 'Financial Status', 'Created at', 'Currency', 'Total', 'Discount Code', 'Discount Amount',
  'Refunded Amount', 'Billing Name', 'Billing Phone', 'Phone', 'Shipping Name', 'Location', 'Source',
  'Billing City', 'Billing Province', 'Billing Province Name', 'Billing Country'];

const mapping = {
  order_id: 'Name',
  customer_email: 'Email',
  customer_phone: '=phone',
  customer_name: 'Billing Name',
  // the billing address is the buyer's (the shipping one may be a gift's); its country is a code (LV, ID)
  customer_city: 'Billing City',
  customer_region: 'Billing Province',
  customer_country: 'Billing Country',
  status: 'Financial Status',
  ordered_at: 'Created at',
  currency: 'Currency',
  amount: 'Total',
  discount_amount: 'Discount Amount',
  promotion_code: 'Discount Code',
  refunded_amount: 'Refunded Amount',
  location: 'Location',
  channel: '=channel',
  product_name: 'Lineitem name',
  quantity: 'Lineitem quantity',
  unit_price: 'Lineitem price',
  sku: 'Lineitem sku',
};

const provinceNameColumn = 'Billing Province Name';

/**
 * "Billing Province" is the province's code (JK, CA); newer exports add its name in "Billing
 * Province Name" (DKI Jakarta, California), read instead when the file has it.
 */
function shopifyMapping(headers: readonly string[]): Mapping {
  const present = presentColumns(mapping, headers);
  const names = presentColumns({ customer_region: provinceNameColumn }, headers);
  return { ...present, ...names };
}

export const shopifyOrders: Preset = {
  name: 'shopify-orders',
  description: 'Shopify admin "Export orders" CSV: one row per line item, order totals on the first row of each order.',
  entity: 'orders',
  source: 'shopify',
  reader: { format: 'csv', delimiter: ',' },
  mapping: shopifyMapping,
  addedColumns: ['=phone', '=channel'],
  createTransform() {
    let orderName: string | null = null;
    let first: RecordValues = {};
    return (values) => {
      const name = valueOf(values, 'Name');
      const filled: RecordValues = { ...values };
      if (name !== null && name === orderName) {
        for (const column of orderColumns) if (valueOf(filled, column) === null && first[column]) filled[column] = first[column];
      } else {
        orderName = name;
        first = Object.fromEntries(orderColumns.map((column) => [column, valueOf(values, column)]));
      }
      filled['=phone'] = valueOf(filled, 'Billing Phone') ?? valueOf(filled, 'Phone');
      // Shopify's "Source" is web, pos, a sales-channel app id…: only pos means a shop counter.
      filled['=channel'] = valueOf(filled, 'Source')?.toLowerCase() === 'pos' ? 'store' : 'web';
      return { values: filled };
    };
  },
};
