import type { Mapping } from '../rows/fields.js';
import type { Preset } from './preset.js';

/**
 * CDNOW_master.txt has a header (customer_id date number_of_cds dollar_value); CDNOW_sample.txt
 * has none and an extra second column, the sample's own customer number.
 */
function cdnowMapping(headers: readonly string[]): Mapping {
  if (headers.includes('customer_id')) return { customer_id: 'customer_id', ordered_at: 'date', amount: 'dollar_value' };
  if (headers.length === 5) return { customer_id: 'column_1', ordered_at: 'column_3', amount: 'column_5' };
  return { customer_id: 'column_1', ordered_at: 'column_2', amount: 'column_4' };
}

export const cdnow: Preset = {
  name: 'cdnow',
  description: 'CDNOW transaction logs (CDNOW_master.txt or CDNOW_sample.txt): whitespace-separated, one order per row, USD.',
  entity: 'orders',
  source: 'cdnow',
  reader: { format: 'csv', delimiter: 'whitespace', header: 'auto' },
  dateFormat: 'yyyyMMdd',
  mapping: (headers) => ({ ...cdnowMapping(headers), order_id: '=order_id', currency: '=currency', channel: '=channel' }),
  addedColumns: ['=order_id', '=currency', '=channel'],
  createTransform() {
    // The file has no order ids. Customer + day + the order's position within that day is
    // stable across re-imports and the same in master and sample (their rows are identical and
    // in the same order). Rows are grouped by customer, so only the current customer's days are kept.
    let customer: string | null = null;
    let ordersPerDay = new Map<string, number>();
    let columns: Mapping | null = null;
    return (values) => {
      columns ??= cdnowMapping(Object.keys(values));
      const id = values[columns.customer_id] ?? '';
      const date = values[columns.ordered_at] ?? '';
      if (id !== customer) {
        customer = id;
        ordersPerDay = new Map();
      }
      const position = (ordersPerDay.get(date) ?? 0) + 1;
      ordersPerDay.set(date, position);
      return { values: { ...values, '=order_id': `${id}-${date}-${position}`, '=currency': 'USD', '=channel': 'other' } };
    };
  },
};
