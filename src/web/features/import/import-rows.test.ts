import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../ingest/presets/index.js';
import { browserPresets, presetMapping, toLineRecords, unmappedColumns } from './import-rows.js';
import { readCsvText } from './parse-csv.js';

const shopifyCsv = readFileSync(new URL('../../../../test/fixtures/ingest/shopify-orders.csv', import.meta.url), 'utf8');
const parsed = readCsvText(shopifyCsv, 'orders_export.csv');
const { headers } = parsed;

describe('importing a known export in the browser', () => {
  it('offers the presets of delimited files for the chosen data, not the fixed-width ones', () => {
    expect(browserPresets('orders').map((preset) => preset.name)).toEqual(['shopify-orders', 'shopee-orders', 'tokopedia-orders', 'uci-online-retail', 'groceries']);
    expect(browserPresets('customers').map((preset) => preset.name)).toEqual(['customer-personality']);
    expect(browserPresets('events')).toEqual([]);
  });

  it('copies a Shopify order\'s fields down to its line rows and works out phone and channel, as the CLI does', () => {
    const preset = findPreset('shopify-orders');
    const mapping = presetMapping(preset, headers);
    const { records, rejects } = toLineRecords(parsed, mapping, { entity: 'orders', preset });
    expect(rejects).toEqual([]);
    expect(records.map((entry) => entry.line)).toEqual([2, 3, 4, 5, 6]);
    // the second row of #1001 carries only its line item in the file
    expect(records[1].record).toMatchObject({ order_id: '#1001', customer_email: 'Ana@Example.com', amount: '50.00', currency: 'EUR', status: 'paid', product_name: 'Wool scarf', quantity: '1', customer_phone: '+371 2123 4567', channel: 'web' });
    expect(records[2].record).toMatchObject({ order_id: '#1002', channel: 'store', refunded_amount: '200.00' });
    // a blank cell is left out, so it reads as "not given"
    expect(records[4].record).not.toHaveProperty('customer_email');
  });

  it('maps a preset\'s columns under the file\'s own spelling of them', () => {
    const lowerCase = headers.map((header) => header.toLowerCase());
    const mapping = presetMapping(findPreset('shopify-orders'), lowerCase);
    expect(mapping).toMatchObject({ order_id: 'name', customer_email: 'email', customer_phone: '=phone' });
  });

  it('maps by hand without a preset, and names the columns no field reads', () => {
    const csv = readCsvText('Order,Mail,When,Total,Note\nX1,a@b.co,2024-03-01,10,gift wrap\n', 'f.csv');
    const mapping = { order_id: 'Order', customer_email: 'Mail', ordered_at: 'When', amount: 'Total' };
    expect(toLineRecords(csv, mapping, { entity: 'orders' }).records).toEqual([{ line: 2, record: { order_id: 'X1', customer_email: 'a@b.co', ordered_at: '2024-03-01', amount: '10' } }]);
    expect(unmappedColumns(csv.headers, mapping)).toEqual(['Note']);
  });

  it('sends each row under the line it starts on and rejects the rows the reading refused, in line order', () => {
    const text = 'order_id,customer_id,ordered_at,amount,note\nK1,C1,2026-02-05,10,"gift\nwrap"\n\nK2,C2,2026-02-05,1,234.50,x\nK3,C3,2026-02-06,12,\nK4,C4\n';
    const mapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' };
    const { records, rejects } = toLineRecords(readCsvText(text, 'orders.csv'), mapping, { entity: 'orders' });
    expect(records.map((entry) => [entry.line, entry.record.order_id])).toEqual([[2, 'K1'], [6, 'K3']]);
    expect(rejects.map((reject) => [reject.line, reject.code, reject.raw])).toEqual([[5, 'ROW_COLUMN_COUNT', 'K2,C2,2026-02-05,1,234.50,x'], [7, 'ROW_COLUMN_COUNT', 'K4,C4']]);
  });
});

// The web import sent an order's other rows when the browser refused one of them (a row of too many
// values), so the order was stored missing that line and its total; the CLI rejects the order whole.
describe('an order one of whose rows the browser refuses', () => {
  const header = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  const uciText = [
    header,
    '536365,85123A,HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
    '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom',
    // 2,75 unquoted: nine values under eight columns
    '536365,84406B,CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2,75,17850.0,United Kingdom',
    '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom',
    '536366,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:28:00,1.85,,United Kingdom',
    '536367,84879,BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047.0,United Kingdom',
    '536368,22960,JAM MAKING SET,6,2010-12-01 08:34:00,4.25,13047.0,United Kingdom,x',
    // the same invoice as the server keys it
    '536365.0,22752,BABUSHKA NESTING BOXES,2,2010-12-01 08:26:00,7.65,17850.0,United Kingdom',
  ].join('\n');
  const uci = findPreset('uci-online-retail');
  const read = (text: string) => readCsvText(`${text}\n`, 'online_retail.csv');
  const siblingReason = 'line 4, another row of order 536365, was rejected, so none of the order\'s rows is stored (its total and lines would miss that row); fix line 4 and import all of the order\'s rows again';

  it('rejects the order\'s other rows with the CLI\'s reject naming the refused row, and sends none of them', () => {
    const csv = read(uciText);
    const { records, rejects, rejectedOrders } = toLineRecords(csv, presetMapping(uci, csv.headers), { entity: 'orders', preset: uci });
    expect(records.map((entry) => [entry.line, entry.record.order_id])).toEqual([[5, '536366'], [7, '536367']]);
    expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([
      [2, 'ORDER_ROW_REJECTED'], [3, 'ORDER_ROW_REJECTED'], [4, 'ROW_COLUMN_COUNT'], [6, 'CUSTOMER_MISSING'], [8, 'ROW_COLUMN_COUNT'], [9, 'ORDER_ROW_REJECTED'],
    ]);
    expect(rejects[0]).toEqual({
      file: 'online_retail.csv', line: 2, field: 'order_id', code: 'ORDER_ROW_REJECTED', params: { line: 4, order: '536365' }, reason: siblingReason,
      raw: '536365,85123A,HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
    });
    expect(rejects[5]).toMatchObject({ params: { line: 4, order: '536365' }, raw: expect.stringMatching(/^536365\.0,22752/) });
    // a preset's reject is its row's own (536366's other row is sent); every refused row's order is named for the counts
    expect([...rejectedOrders].sort()).toEqual(['536365', '536366', '536368']);
  });

  it('rejects an order whole when its first refused row comes after rows of it, naming that first row', () => {
    const text = 'order_id,customer_id,ordered_at,sku,unit_price\nA1,C1,2026-02-05,S1,10\nA1,C1,2026-02-05,S2,1,5\nA1,C1,2026-02-05,S3,2,5\nB1,C2,2026-02-05,S4,3\n';
    const mapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', sku: 'sku', unit_price: 'unit_price' };
    const { records, rejects } = toLineRecords(readCsvText(text, 'orders.csv'), mapping, { entity: 'orders' });
    expect(records.map((entry) => entry.line)).toEqual([5]);
    expect(rejects.map((reject) => [reject.line, reject.code, reject.params.line])).toEqual([[2, 'ORDER_ROW_REJECTED', 3], [3, 'ROW_COLUMN_COUNT', 3], [4, 'ROW_COLUMN_COUNT', 4]]);
  });

  // a lines file states all of an order's lines (the CLI's since lines-rejected-row.test.ts): the
  // other rows, sent, would replace the order's stored lines without the one the refused row restated
  it('rejects the order\'s other rows of a lines file whose third row it refuses, as the CLI does', () => {
    const lines = 'order_id,sku,quantity,unit_price\nA1,S1,1,10\nA1,S2,1,10\nA1,S4,1,1,5\nB1,S9,2,5\n';
    const mapping = { order_id: 'order_id', sku: 'sku', quantity: 'quantity', unit_price: 'unit_price' };
    const { records, rejects, rejectedOrders } = toLineRecords(readCsvText(lines, 'lines.csv'), mapping, { entity: 'lines' });
    expect(records.map((entry) => [entry.line, entry.record.order_id])).toEqual([[5, 'B1']]);
    expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([[2, 'ORDER_ROW_REJECTED'], [3, 'ORDER_ROW_REJECTED'], [4, 'ROW_COLUMN_COUNT']]);
    expect(rejects[0]).toEqual({
      file: 'lines.csv', line: 2, field: 'order_id', code: 'ORDER_ROW_REJECTED', params: { line: 4, order: 'A1' }, raw: 'A1,S1,1,10',
      reason: 'line 4, another row of order A1, was rejected, so none of the order\'s rows is stored (its total and lines would miss that row); fix line 4 and import all of the order\'s rows again',
    });
    expect(rejectedOrders).toEqual(['A1']);
  });

  it('keeps the other rows where the CLI keeps them: one row per order, a refused row without a readable order id', () => {
    const wholeOrders = 'order_id,customer_id,ordered_at,amount\nA1,C1,2026-02-05,10\nA1,C1,2026-02-05,1,234.50\n';
    const whole = toLineRecords(readCsvText(wholeOrders, 'orders.csv'), { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' }, { entity: 'orders' });
    expect([whole.records.map((entry) => entry.line), whole.rejectedOrders]).toEqual([[2], ['A1']]);
    // a line column beside the amount without a unit price is not read (fields.ts, readsWholeOrders): rows of whole orders
    const withSku = 'order_id,customer_id,ordered_at,amount,sku\nA1,C1,2026-02-05,10,S1\nA1,C1,2026-02-05,1,234.50,S2\n';
    const skuMapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount', sku: 'sku' };
    expect(toLineRecords(readCsvText(withSku, 'orders.csv'), skuMapping, { entity: 'orders' }).records.map((entry) => entry.line)).toEqual([2]);
    const noId = 'order_id,customer_id,ordered_at,sku,unit_price\nA1,C1,2026-02-05,S1,10\n,C1,2026-02-05,S2,1,5\n';
    const unnamed = toLineRecords(readCsvText(noId, 'orders.csv'), { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', sku: 'sku', unit_price: 'unit_price' }, { entity: 'orders' });
    expect([unnamed.records.map((entry) => entry.line), unnamed.rejectedOrders]).toEqual([[2], []]);
  });
});
