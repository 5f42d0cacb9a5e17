import { describe, expect, it } from 'vitest';
import { resolveColumns } from './fields.js';

// A Tokopedia report imported with the UCI preset named the preset's own added columns (=quantity,
// =status…) among the file's, before the advice to use tokopedia-orders (presets/recognise-export.ts).
describe('a mapped column the file lacks', () => {
  it('is refused listing only the file\'s own columns as found', () => {
    expect(() => resolveColumns('orders', ['Nomor Invoice', 'Tanggal Pembayaran', '=quantity', '=status'], { order_id: 'InvoiceNo', quantity: '=quantity' })).toThrow(
      expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', message: '--map order_id=InvoiceNo: the file has no column "InvoiceNo". Columns found: Nomor Invoice, Tanggal Pembayaran.' }),
    );
  });
});
