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
    expect(browserPresets('orders').map((preset) => preset.name)).toEqual(['shopify-orders', 'uci-online-retail', 'groceries']);
    expect(browserPresets('customers').map((preset) => preset.name)).toEqual(['customer-personality']);
    expect(browserPresets('events')).toEqual([]);
  });

  it('copies a Shopify order\'s fields down to its line rows and works out phone and channel, as the CLI does', () => {
    const preset = findPreset('shopify-orders');
    const mapping = presetMapping(preset, headers);
    const { records, rejects } = toLineRecords(parsed, mapping, { preset });
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
    expect(toLineRecords(csv, mapping).records).toEqual([{ line: 2, record: { order_id: 'X1', customer_email: 'a@b.co', ordered_at: '2024-03-01', amount: '10' } }]);
    expect(unmappedColumns(csv.headers, mapping)).toEqual(['Note']);
  });

  it('sends each row under the line it starts on and rejects the rows the reading refused, in line order', () => {
    const text = 'order_id,customer_id,ordered_at,amount,note\nK1,C1,2026-02-05,10,"gift\nwrap"\n\nK2,C2,2026-02-05,1,234.50,x\nK3,C3,2026-02-06,12,\nK4,C4\n';
    const mapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' };
    const { records, rejects } = toLineRecords(readCsvText(text, 'orders.csv'), mapping);
    expect(records.map((entry) => [entry.line, entry.record.order_id])).toEqual([[2, 'K1'], [6, 'K3']]);
    expect(rejects.map((reject) => [reject.line, reject.code, reject.raw])).toEqual([[5, 'ROW_COLUMN_COUNT', 'K2,C2,2026-02-05,1,234.50,x'], [7, 'ROW_COLUMN_COUNT', 'K4,C4']]);
  });
});
