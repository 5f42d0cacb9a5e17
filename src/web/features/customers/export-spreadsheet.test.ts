import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { customerCsvColumns, segmentMemberCsvColumns, sheetTime, type CsvMoney, type CustomerCsvRow } from '../../../customers/customer-csv.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { spreadsheetSeparators } from '../../components/spreadsheet-csv.js';
import { customersForSpreadsheet, spreadsheetCells, spreadsheetHeader, type SpreadsheetContext } from './export-spreadsheet.js';

const rupiah: CsvMoney = { currency: 'IDR', minorPerMajor: 1 };
const euro: CsvMoney = { currency: 'EUR', minorPerMajor: 100 };

const contextIn = (locale: Locale, timeZone: string, money: CsvMoney): SpreadsheetContext =>
  ({ locale, t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), timeZone, money });

const ana: CustomerCsvRow = {
  customer_id: 42, name: 'Ana Wijaya', email: 'ana@example.com', phone: '+6281299990000', city: 'Jakarta', country: 'ID',
  is_real: true, order_count: 5, revenue_minor: 1_234_567, first_purchase_at: new Date('2025-01-01T03:00:00Z'), last_purchase_at: '2026-11-30T03:12:00.000Z',
  created_at: '2024-12-31T23:00:00.000Z', primary_type: 'vip', types: ['vip', 'regular'], rfm_segment: 'Champions',
  consent_email: true, consent_sms: false, consent_profiling: null, consent_whatsapp: true, entered_at: '2026-06-01T00:00:00.000Z',
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
      'Known since', 'Main type', 'All types', 'RFM segment', 'Consent: email marketing', 'Consent: SMS marketing', 'Consent: profiling', 'Consent: WhatsApp marketing',
      'Member since', 'Predicted lifetime value (IDR)', 'Chance still active', 'Churn risk', 'Persona',
    ]);
    expect(spreadsheetHeader(customerCsvColumns, contextIn('id', 'UTC', rupiah)).slice(-4)).toEqual([
      'Persetujuan: pemasaran email', 'Persetujuan: pemasaran SMS', 'Persetujuan: pembuatan profil', 'Persetujuan: pemasaran WhatsApp',
    ]);
    expect(spreadsheetHeader(customerCsvColumns, contextIn('lv', 'UTC', euro)).at(-1)).toBe('Piekrišana: WhatsApp mārketings');
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

describe('the predictions of a segment member', () => {
  it('reads as the customer page shows them: CLV in the store currency, churn risk in words, nothing where none was made', () => {
    const predicted = cellsByHeader({ ...ana, clv_minor: 123_456, p_alive: 0.75, churn_risk: 'medium', persona: 'Bargain hunters' }, contextIn('lv', 'UTC', euro));
    expect(predicted).toMatchObject({ 'Prognozētā klienta mūža vērtība (EUR)': 1234.56, 'Iespēja, ka joprojām aktīvs': 0.75, 'Aiziešanas risks': 'Vidējs', Persona: 'Bargain hunters' });
    expect(cellsByHeader({ ...ana, clv_minor: null, p_alive: null, churn_risk: null, persona: null }, contextIn('en', 'UTC', euro)))
      .toMatchObject({ 'Predicted lifetime value (EUR)': null, 'Chance still active': null, 'Churn risk': null, Persona: null });
  });
});

describe('the persona of a segment member', () => {
  it('is named as the Personas page names it when the export knows the names, else as the server wrote it', () => {
    const personaName = (name: string) => (name === 'young low-spend small-basket, coffee' ? { text: 'Jauni, tērē maz, mazi pirkumi · “coffee”' } : null);
    const latvian = { ...contextIn('lv', 'UTC', euro), personaName };
    expect(cellsByHeader({ ...ana, persona: 'young low-spend small-basket, coffee' }, latvian)).toMatchObject({ Persona: 'Jauni, tērē maz, mazi pirkumi · “coffee”' });
    expect(cellsByHeader({ ...ana, persona: 'Office buyers' }, latvian)).toMatchObject({ Persona: 'Office buyers' });
    expect(cellsByHeader({ ...ana, persona: null }, latvian)).toMatchObject({ Persona: null });
  });
});

describe('sheetTime, as the spreadsheet writes times', () => {
  it("writes an instant as the store's wall clock, in a form spreadsheets parse", () => {
    expect(sheetTime('2026-11-30T03:12:00.000Z', 'Asia/Jakarta')).toBe('2026-11-30 10:12');
    expect(sheetTime(new Date('2026-11-30T20:05:59Z'), 'Asia/Jakarta')).toBe('2026-12-01 03:05');
    // Riga: UTC+2 in winter, UTC+3 in summer
    expect(sheetTime('2026-11-30T03:12:00.000Z', 'Europe/Riga')).toBe('2026-11-30 05:12');
    expect(sheetTime('2026-07-15T21:30:00.000Z', 'Europe/Riga')).toBe('2026-07-16 00:30');
    // either side of the spring change on 29 March 2026 at 03:00 local time
    expect(sheetTime('2026-03-29T00:30:00.000Z', 'Europe/Riga')).toBe('2026-03-29 02:30');
    expect(sheetTime('2026-03-29T01:30:00.000Z', 'Europe/Riga')).toBe('2026-03-29 04:30');
  });

  it('keeps a bare calendar day as it is and leaves a missing time empty', () => {
    expect(sheetTime('2026-11-30', 'Pacific/Pago_Pago')).toBe('2026-11-30');
    expect(sheetTime(null, 'Asia/Jakarta')).toBeNull();
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
    // email yes, SMS no, profiling not asked, WhatsApp yes
    expect(cells.slice(-4)).toEqual([...consent, consent[0]]);
    expect(spreadsheetCells({ ...ana, consent_whatsapp: false }, customerCsvColumns, context).at(-1)).toBe(consent[1]);
    expect(spreadsheetCells({ ...ana, consent_whatsapp: null }, customerCsvColumns, context).at(-1)).toBe(consent[2]);
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

describe('spreadsheetSeparators', () => {
  it("splits fields by \";\" with a decimal comma where the language writes one, and by a comma with a point elsewhere", () => {
    expect(spreadsheetSeparators('lv')).toEqual({ field: ';', decimal: ',' });
    expect(spreadsheetSeparators('id')).toEqual({ field: ';', decimal: ',' });
    expect(spreadsheetSeparators('en')).toEqual({ field: ',', decimal: '.' });
  });
});

describe('customersForSpreadsheet', () => {
  const shop: CustomerCsvRow = { ...ana, customer_id: 7, name: 'Toko "Maju", Jaya\nCabang Rīga', is_real: false, revenue_minor: 124_706, types: ['vip'], consent_sms: null };
  /** The rows after the header, each ending in CRLF; a name's own line break stays inside its row. */
  const rowsOf = (text: string) => text.slice(1).split(/\r\n(?=\d)/).slice(1);

  it('writes Latvian with ";" between fields and a decimal comma, after the byte order mark and translated header', () => {
    const text = customersForSpreadsheet([shop], segmentMemberCsvColumns, contextIn('lv', 'Europe/Riga', euro));
    expect(text.startsWith('\ufeffKlienta Nr.;Vārds;E-pasts;')).toBe(true);
    // a comma in text needs no quotes in a ";" file; the quote and the line break still do
    expect(rowsOf(text)).toEqual(['7;"Toko ""Maju"", Jaya\nCabang Rīga";ana@example.com;"=""+6281299990000""";Jakarta;ID;Potenciālais klients;5;1247,06;'
      + '2025-01-01 05:00;2026-11-30 05:12;2025-01-01 01:00;VIP;VIP;Čempioni;Jā;Nav jautāts;Nav jautāts;Jā;2026-06-01 03:00;;;;\r\n']);
  });

  it('writes Indonesian with ";" and rupiah whole, with no thousands separators', () => {
    const text = customersForSpreadsheet([{ ...ana, name: 'Ana; Wijaya', revenue_minor: 12_345_678 }], customerCsvColumns, contextIn('id', 'Asia/Jakarta', rupiah));
    expect(text.startsWith('\ufeffNo. pelanggan;Nama;Email;')).toBe(true);
    expect(rowsOf(text)[0]).toMatch(/^42;"Ana; Wijaya";ana@example\.com;"=""\+6281299990000""";Jakarta;ID;Pelanggan;5;12345678;2025-01-01 10:00;/);
    expect(customersForSpreadsheet([{ ...ana, revenue_minor: 124_706 }], customerCsvColumns, contextIn('id', 'Asia/Jakarta', euro))).toContain(';1247,06;');
  });

  it('writes English with commas between fields and a decimal point, quoting the commas in text', () => {
    const text = customersForSpreadsheet([shop], segmentMemberCsvColumns, contextIn('en', 'Europe/Riga', euro));
    expect(text.startsWith('\ufeffCustomer No.,Name,Email,')).toBe(true);
    expect(rowsOf(text)[0]).toMatch(/^7,"Toko ""Maju"", Jaya\nCabang Rīga",ana@example\.com,"=""\+6281299990000""",Jakarta,ID,Lead,5,1247\.06,2025-01-01 05:00,/);
  });

  it('writes a negative amount as a number with a decimal comma, not as text guarded against formulas', () => {
    const text = customersForSpreadsheet([{ ...ana, revenue_minor: -1_250 }], customerCsvColumns, contextIn('lv', 'UTC', euro));
    expect(rowsOf(text)[0]).toContain(';Klients;5;-12,5;');
  });

  it('still guards text a spreadsheet would run as a formula', () => {
    const text = customersForSpreadsheet([{ ...ana, name: '=HYPERLINK("http://x";"y")', city: '-2+3' }], customerCsvColumns, contextIn('lv', 'UTC', euro));
    expect(rowsOf(text)[0]).toMatch(/^42;"'=HYPERLINK\(""http:\/\/x"";""y""\)";ana@example\.com;"=""\+6281299990000""";'-2\+3;ID;/);
  });

  it('writes phone numbers as text a spreadsheet keeps, + and leading 0 included, and nothing else so', () => {
    const rows = [{ ...ana, phone: '+6288222773951' }, { ...ana, customer_id: 43, phone: '08123456789' }, { ...ana, customer_id: 44, phone: '=cmd|\' /C calc\'!A0' }];
    const [plus, zero, formula] = rowsOf(customersForSpreadsheet(rows, customerCsvColumns, contextIn('id', 'Asia/Jakarta', rupiah)));
    expect(plus).toMatch(/^42;Ana Wijaya;ana@example\.com;"=""\+6288222773951""";Jakarta;/);
    expect(zero).toMatch(/^43;Ana Wijaya;ana@example\.com;"=""08123456789""";Jakarta;/);
    // not a phone number's characters: guarded as any formula-like text is
    expect(formula).toMatch(/^44;Ana Wijaya;ana@example\.com;'=cmd\|' \/C calc'!A0;Jakarta;/);
  });

  it('keeps a negative amount a number and writes P(alive) with two decimals, where the API has every digit', () => {
    const member = { ...ana, revenue_minor: -1500, clv_minor: 1_420_945, p_alive: 0.6590166715389049, churn_risk: 'medium' };
    const [row] = rowsOf(customersForSpreadsheet([member], segmentMemberCsvColumns, contextIn('id', 'Asia/Jakarta', rupiah)));
    expect(row).toContain(';Pelanggan;5;-1500;2025-01-01 10:00;');
    expect(row).toMatch(/;Ya;[^;]*;1420945;0,66;Sedang;\r\n$/);
    expect(cellsByHeader(member, contextIn('en', 'UTC', rupiah))['Chance still active']).toBe(0.66);
  });

  it('gives the header alone for no rows', () => {
    expect(customersForSpreadsheet([], customerCsvColumns, contextIn('id', 'Asia/Jakarta', rupiah)).split('\r\n')).toHaveLength(2);
  });
});
