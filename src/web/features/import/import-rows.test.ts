import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../ingest/presets/index.js';
import { browserPresets, presetMapping, toLineRecords, unmappedColumns } from './import-rows.js';

const shopifyCsv = readFileSync(new URL('../../../../test/fixtures/ingest/shopify-orders.csv', import.meta.url), 'utf8');
const parsed = Papa.parse<Record<string, string>>(shopifyCsv, { header: true, skipEmptyLines: 'greedy' });
const headers = parsed.meta.fields ?? [];

describe('importing a known export in the browser', () => {
  it('offers the presets of delimited files for the chosen data, not the fixed-width ones', () => {
    expect(browserPresets('orders').map((preset) => preset.name)).toEqual(['shopify-orders', 'uci-online-retail', 'groceries']);
    expect(browserPresets('customers').map((preset) => preset.name)).toEqual(['customer-personality']);
    expect(browserPresets('events')).toEqual([]);
  });

  it('copies a Shopify order\'s fields down to its line rows and works out phone and channel, as the CLI does', () => {
    const preset = findPreset('shopify-orders');
    const mapping = presetMapping(preset, headers);
    const { records, rejects } = toLineRecords(parsed.data, mapping, { preset, fileName: 'orders_export.csv' });
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
    const rows = [{ Order: 'X1', Mail: 'a@b.co', When: '2024-03-01', Total: '10', Note: 'gift wrap' }];
    const mapping = { order_id: 'Order', customer_email: 'Mail', ordered_at: 'When', amount: 'Total' };
    expect(toLineRecords(rows, mapping, { fileName: 'f.csv' }).records).toEqual([{ line: 2, record: { order_id: 'X1', customer_email: 'a@b.co', ordered_at: '2024-03-01', amount: '10' } }]);
    expect(unmappedColumns(Object.keys(rows[0]), mapping)).toEqual(['Note']);
  });
});
