import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { toCsv } from '../csv.js';
import { csvTable, readableTable, type ChartTable } from './chart-table.js';

// Customers by type on the demo store, as the chart's table holds them: ratios and minor units, as the API sends them
const types: ChartTable = {
  header: ['Type', 'Customers', 'Share', 'Revenue'],
  kinds: ['text', 'count', 'percent', 'money'],
  rows: [['At risk', 1230, 0.112844, 1_930_000_000], ['Lead', 293, 0.268807, null]],
};
const idr = (tag: string) => createFormatters(tag, 'IDR', 'Asia/Jakarta');

describe("a chart's table for screen readers", () => {
  it('reads like the chart: numbers, percentages and money in the reader\'s formats', () => {
    expect(readableTable(types, idr('en-GB')).rows[0]).toEqual(['At risk', '1,230', '11.3%', 'IDR\u00a01,930,000,000']);
    expect(readableTable(types, idr('id-ID')).rows[0]).toEqual(['At risk', '1.230', '11,3%', 'Rp\u00a01.930.000.000']);
    expect(readableTable(types, idr('lv-LV')).rows[0][2]).toBe('11,3%');
  });

  it('shows a missing value as an empty cell, dates as dates, and a noted value with its note', () => {
    const table: ChartTable = { header: ['Month', 'Month 1'], kinds: ['month', 'percent'], rows: [['2026-11', { value: 0.021, note: 'so far' }], ['2026-12', null]] };
    expect(readableTable(table, idr('en-GB')).rows).toEqual([['Nov 2026', '2.1% (so far)'], ['Dec 2026', '']]);
  });

  it('leaves a table without kinds as it is', () => {
    expect(readableTable({ header: ['Day', 'Gap'], rows: [['2026-11-02', 12]] }, idr('lv-LV')).rows).toEqual([['2026-11-02', '12']]);
  });
});

describe("a chart's CSV", () => {
  it('labels units in the header and writes numbers for machines: a point, no grouping, percent, money in major units', () => {
    expect(csvTable(types, { currency: 'IDR', minorPerMajor: 1 })).toEqual([
      ['Type', 'Customers', 'Share (%)', 'Revenue (IDR)'],
      ['At risk', 1230, 11.2844, '1930000000'],
      ['Lead', 293, 26.8807, null],
    ]);
    expect(csvTable({ header: ['Segment', 'Revenue'], kinds: ['text', 'money'], rows: [['Loyal', 7_610_930]] }, { currency: 'USD', minorPerMajor: 100 })[1]).toEqual(['Loyal', '76109.30']);
  });

  it('writes a noted value alone, and days and months as sent', () => {
    const table: ChartTable = { header: ['First purchase', 'Month 1'], kinds: ['month', 'percent'], rows: [['2026-11', { value: 0.021, note: 'so far' }]] };
    expect(toCsv(csvTable(table, { currency: 'IDR', minorPerMajor: 1 }))).toBe('First purchase,Month 1 (%)\r\n2026-11,2.1\r\n');
  });
});
