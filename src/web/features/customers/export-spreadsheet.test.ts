import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { customerCsvColumns, segmentMemberCsvColumns, type CsvMoney, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { customersForSpreadsheet, localTime, spreadsheetCells, spreadsheetHeader, type SpreadsheetContext } from './export-spreadsheet.js';

const rupiah: CsvMoney = { currency: 'IDR', minorPerMajor: 1 };
const euro: CsvMoney = { currency: 'EUR', minorPerMajor: 100 };

const contextIn = (locale: Locale, timeZone: string, money: CsvMoney): SpreadsheetContext =>
  ({ t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), timeZone, money });

const ana: CustomerCsvRow = {
  customer_id: 42, name: 'Ana Wijaya', email: 'ana@example.com', phone: '+6281299990000', city: 'Jakarta', country: 'ID',
  is_real: true, order_count: 5, revenue_minor: 1_234_567, first_purchase_at: new Date('2025-01-01T03:00:00Z'), last_purchase_at: '2026-11-30T03:12:00.000Z',
  created_at: '2024-12-31T23:00:00.000Z', primary_type: 'vip', types: ['vip', 'regular'], rfm_segment: 'Champions',
  consent_email: true, consent_sms: false, consent_profiling: null, entered_at: '2026-06-01T00:00:00.000Z',
};

/** The cells of `row` by header, for reading one column in a test. */
function cellsByHeader(row: CustomerCsvRow, context: SpreadsheetContext): Record<string, unknown> {
  const header = spreadsheetHeader(segmentMemberCsvColumns, context);
  const cells = spreadsheetCells(row, segmentMemberCsvColumns, context);
  return Object.fromEntries(header.map((name, index) => [name, cells[index]]));
}

describe('spreadsheetHeader', () => {
  it("names the columns in the reader's language, revenue once and with the store currency", () => {
    expect(spreadsheetHeader(segmentMemberCsvColumns, contextIn('en', 'UTC', rupiah))).toEqual([
      'Customer No.', 'Name', 'Email', 'Phone', 'City', 'Country', 'Status', 'Orders', 'Spend (IDR)', 'First purchase', 'Last purchase',
      'Known since', 'Main type', 'All types', 'RFM segment', 'Consent: email marketing', 'Consent: SMS marketing', 'Consent: profiling', 'Member since',
    ]);
    expect(spreadsheetHeader(customerCsvColumns, contextIn('id', 'UTC', rupiah)).slice(0, 11)).toEqual([
      'No. pelanggan', 'Nama', 'Email', 'Telepon', 'Kota', 'Negara', 'Status', 'Pesanan', 'Belanja (IDR)', 'Pembelian pertama', 'Pembelian terakhir',
    ]);
    expect(spreadsheetHeader(customerCsvColumns, contextIn('lv', 'UTC', euro)).slice(6, 11)).toEqual(['Statuss', 'Pasūtījumi', 'Tēriņi (EUR)', 'Pirmais pirkums', 'Pēdējais pirkums']);
    expect(spreadsheetHeader(customerCsvColumns, contextIn('en', 'UTC', { currency: null, minorPerMajor: 1 }))[8]).toBe('Spend');
  });

  it('has no field code left in any language', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      const header = spreadsheetHeader(segmentMemberCsvColumns, contextIn(locale, 'UTC', rupiah));
      expect(header.filter((name) => name.includes('customers.export') || /_/.test(name))).toEqual([]);
    }
  });
});

describe('localTime', () => {
  it("writes an instant as the store's wall clock, in a form spreadsheets parse", () => {
    expect(localTime('2026-11-30T03:12:00.000Z', 'Asia/Jakarta')).toBe('2026-11-30 10:12');
    expect(localTime(new Date('2026-11-30T20:05:59Z'), 'Asia/Jakarta')).toBe('2026-12-01 03:05');
    // Riga: UTC+2 in winter, UTC+3 in summer
    expect(localTime('2026-11-30T03:12:00.000Z', 'Europe/Riga')).toBe('2026-11-30 05:12');
    expect(localTime('2026-07-15T21:30:00.000Z', 'Europe/Riga')).toBe('2026-07-16 00:30');
    // either side of the spring change on 29 March 2026 at 03:00 local time
    expect(localTime('2026-03-29T00:30:00.000Z', 'Europe/Riga')).toBe('2026-03-29 02:30');
    expect(localTime('2026-03-29T01:30:00.000Z', 'Europe/Riga')).toBe('2026-03-29 04:30');
  });

  it('keeps a bare calendar day as it is and leaves a missing time empty', () => {
    expect(localTime('2026-11-30', 'Pacific/Pago_Pago')).toBe('2026-11-30');
    expect(localTime(null, 'Asia/Jakarta')).toBeNull();
  });
});

describe('spreadsheetCells', () => {
  it('writes money in major units of the store currency as a plain number', () => {
    expect(cellsByHeader(ana, contextIn('en', 'UTC', rupiah))['Spend (IDR)']).toBe(1234567);
    expect(cellsByHeader(ana, contextIn('en', 'UTC', euro))['Spend (EUR)']).toBe(12345.67);
    expect(cellsByHeader({ ...ana, revenue_minor: '1234567' }, contextIn('lv', 'UTC', euro))['Tēriņi (EUR)']).toBe(12345.67);
    expect(cellsByHeader({ ...ana, revenue_minor: null }, contextIn('en', 'UTC', euro))['Spend (EUR)']).toBeNull();
  });

  it.each([
    ['en', ['Yes', 'No', 'Not asked'], 'Customer', 'Lead', 'VIP', 'VIP, Regular', 'Champions'],
    ['id', ['Ya', 'Tidak', 'Belum ditanyakan'], 'Pelanggan', 'Prospek', 'VIP', 'VIP, Reguler', 'Juara'],
    ['lv', ['Jā', 'Nē', 'Nav jautāts'], 'Klients', 'Potenciālais klients', 'VIP', 'VIP, Regulārs', 'Čempioni'],
  ] as const)('translates yes and no, the status, the types and the RFM segment in %s', (locale, consent, real, lead, primary, types, rfm) => {
    const context = contextIn(locale, 'Asia/Jakarta', rupiah);
    const cells = spreadsheetCells(ana, customerCsvColumns, context);
    expect(cells.slice(-3)).toEqual(consent);
    expect(cells[6]).toBe(real);
    expect(spreadsheetCells({ ...ana, is_real: false }, customerCsvColumns, context)[6]).toBe(lead);
    expect(cells.slice(12, 15)).toEqual([primary, types, rfm]);
  });

  it('keeps a type or segment it has no words for as the store wrote it', () => {
    const cells = spreadsheetCells({ ...ana, primary_type: 'wholesale', types: ['wholesale', 'vip'], rfm_segment: 'Sleepers' }, customerCsvColumns, contextIn('en', 'UTC', rupiah));
    expect(cells.slice(12, 15)).toEqual(['wholesale', 'wholesale, VIP', 'Sleepers']);
    expect(spreadsheetCells({ ...ana, primary_type: null, types: [], rfm_segment: null }, customerCsvColumns, contextIn('en', 'UTC', rupiah)).slice(12, 15)).toEqual([null, null, null]);
  });
});

describe('customersForSpreadsheet', () => {
  it('writes a UTF-8 byte order mark, the translated header and each row, quoting commas, quotes and line breaks', () => {
    const shop: CustomerCsvRow = { ...ana, customer_id: 7, name: 'Toko "Maju", Jaya\nCabang Rīga', is_real: false, revenue_minor: 1_234_567, types: ['vip'], consent_sms: null };
    const text = customersForSpreadsheet([shop], segmentMemberCsvColumns, contextIn('lv', 'Europe/Riga', euro));
    expect(text.startsWith('\ufeffKlienta Nr.,Vārds,E-pasts,')).toBe(true);
    const [, row] = text.slice(1).split(/\r\n(?=\d)/);
    expect(row).toBe('7,"Toko ""Maju"", Jaya\nCabang Rīga",ana@example.com,+6281299990000,Jakarta,ID,Potenciālais klients,5,12345.67,'
      + '2025-01-01 05:00,2026-11-30 05:12,2025-01-01 01:00,VIP,VIP,Čempioni,Jā,Nav jautāts,Nav jautāts,2026-06-01 03:00\r\n');
  });

  it('gives the header alone for no rows', () => {
    expect(customersForSpreadsheet([], customerCsvColumns, contextIn('id', 'Asia/Jakarta', rupiah)).split('\r\n')).toHaveLength(2);
  });
});
