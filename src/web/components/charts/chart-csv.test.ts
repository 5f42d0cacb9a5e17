import { describe, expect, it } from 'vitest';
import { chartCsvFile } from './chart-csv.js';
import type { ChartTable } from './chart-table.js';

// revenue per type as the chart holds it: ratios and minor units, as the API sends them
const types: ChartTable = {
  header: ['Tips', 'Klienti', 'Daļa', 'Ieņēmumi, pēdējās 365 dienas'],
  kinds: ['text', 'count', 'percent', 'money'],
  rows: [['Riska grupā', 1230, 0.112844, 7_610_930], ['Potenciālais klients', 293, 0.268807, null]],
};
const euro = { currency: 'EUR', minorPerMajor: 100 };

describe("a chart's Download CSV file", () => {
  it.each(['lv', 'id'] as const)('%s: starts with the UTF-8 byte order mark, splits fields by ";" and writes a decimal comma', (locale) => {
    expect(chartCsvFile(types, euro, locale)).toBe(
      '\ufeffTips;Klienti;Daļa (%);Ieņēmumi, pēdējās 365 dienas (EUR)\r\n'
      + 'Riska grupā;1230;11,2844;76109,3\r\n'
      + 'Potenciālais klients;293;26,8807;\r\n',
    );
  });

  it('en: starts with the byte order mark too, with commas between fields and a decimal point', () => {
    expect(chartCsvFile(types, euro, 'en')).toBe(
      '\ufeffTips,Klienti,Daļa (%),"Ieņēmumi, pēdējās 365 dienas (EUR)"\r\n'
      + 'Riska grupā,1230,11.2844,76109.3\r\n'
      + 'Potenciālais klients,293,26.8807,\r\n',
    );
  });

  it('writes days and months as sent, and whole rupiah without a decimal separator', () => {
    const table: ChartTable = { header: ['Periode', 'Pendapatan'], kinds: ['day', 'money'], rows: [['2026-11-30', 19_300_000]] };
    expect(chartCsvFile(table, { currency: 'IDR', minorPerMajor: 1 }, 'id')).toBe('\ufeffPeriode;Pendapatan (IDR)\r\n2026-11-30;19300000\r\n');
  });
});
