import type { Preset } from './preset.js';

/** Kaggle "Groceries dataset" (data/datasets/groceries): one row per member, day and item. */
export const groceries: Preset = {
  name: 'groceries',
  description: 'Kaggle "Groceries dataset" CSV (Member_number, Date dd-MM-yyyy, itemDescription): one basket per member and day, no prices.',
  entity: 'orders',
  source: 'groceries',
  reader: { format: 'csv', delimiter: ',' },
  dateFormat: 'dd-MM-yyyy',
  mapping: {
    customer_id: 'Member_number',
    ordered_at: 'Date',
    product_name: 'itemDescription',
    category: 'itemDescription',
    order_id: '=order_id',
    quantity: '=quantity',
    unit_price: '=unit_price',
    channel: '=channel',
  },
  addedColumns: ['=order_id', '=quantity', '=unit_price', '=channel'],
  createTransform() {
    return (values) => ({
      values: {
        ...values,
        // There is no receipt id: people treat a member's items on one day as one basket.
        '=order_id': `${values.Member_number?.trim() ?? ''}-${values.Date?.trim() ?? ''}`,
        '=quantity': '1',
        // The data set has no prices; 0 keeps frequency and recency right and spend visibly absent.
        '=unit_price': '0',
        '=channel': 'store',
      },
    });
  },
};
