import { describe, expect, it } from 'vitest';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';

// An orders file of whole orders, one row per product of an order (a Shopee export imported by its
// column names): the page sends the mapped fields only, so the server took the later rows for exact
// repeats and counted them unchanged, where the CLI, comparing every column, rejects them.
describe('a repeat of an order\'s row that differs in a column no field reads', () => {
  const text = [
    'No,Buyer,Date,Total,Product',
    'A1,budi,2025-11-01 09:15,165000,Kopi',
    'A1,budi,2025-11-01 09:15,165000,Gula',
    'A1,budi,2025-11-01 09:15,165000,Kopi',
    'A1,budi,2025-11-01 09:15,165000,',
    'A2,sari,2025-11-02 10:00,130000,Teh',
    'A2,sari,2025-11-02 10:00,120000,Kopi',
  ].join('\n');
  const mapping = { order_id: 'No', customer_id: 'Buyer', ordered_at: 'Date', amount: 'Total' };

  it('is rejected here as the CLI rejects it, naming the column and the order\'s first line, and not sent', () => {
    const rows = toLineRecords(readCsvText(`${text}\n`, 'till.csv'), mapping, { entity: 'orders' });
    // an exact repeat (line 4) is sent, counted unchanged; a repeat stating a mapped field otherwise (line 7) is the server's to reject
    expect(rows.records.map((entry) => entry.line)).toEqual([2, 4, 6, 7]);
    expect(rows.rejects).toEqual([
      {
        file: 'till.csv', line: 3, field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'A1', firstLine: 2, column: 'Product', value: 'Gula', firstValue: 'Kopi' }, raw: 'A1,budi,2025-11-01 09:15,165000,Gula',
        reason: 'Duplicate order id A1 with a different Product: "Gula" here, "Kopi" on line 2 of this file. Keep one row per order.',
      },
      expect.objectContaining({ line: 5, code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'A1', firstLine: 2, column: 'Product', value: '', firstValue: 'Kopi' }, reason: expect.stringContaining('with a different Product: none here, "Kopi" on line 2') }),
    ]);
    // the order is sent: no order is rejected here
    expect(rows.rejectedOrders).toEqual([]);
  });

  it('leaves the rows of an order read as lines to the server, which stores them as the order\'s lines', () => {
    const rows = toLineRecords(readCsvText(`${text}\n`, 'lines.csv'), { ...mapping, unit_price: 'Total', product_name: 'Product' }, { entity: 'orders' });
    expect(rows.records).toHaveLength(6);
    expect(rows.rejects).toEqual([]);
  });
});
