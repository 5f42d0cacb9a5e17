import { describe, expect, it } from 'vitest';
import { toCsv } from '../core/csv.js';
import { normalisePhone } from './identity.js';
import { customerCsvCells, customerSheetCells, segmentMemberCsvColumns, SheetText, sheetChance, sheetText, sheetTime, type CustomerCsvRow } from './customer-csv.js';

// A spreadsheet opening a CSV file reads "+6288222773951" as the number 6288222773951 and
// "08123456789" as 8123456789: the sheet forms write a phone as ="…", which it keeps as that text.
const rupiah = { currency: 'IDR', minorPerMajor: 1 };
const dimas: CustomerCsvRow = {
  customer_id: 26, name: 'Dimas Rahayu', email: 'dimas@example.com', phone: '+6288222773951', city: 'Jakarta', country: 'ID',
  is_real: true, order_count: 12, revenue_minor: -1500, first_purchase_at: new Date('2025-08-09T00:29:16Z'), last_purchase_at: '2026-08-31T07:29:35.000Z',
  created_at: '2025-08-09T00:29:16.000Z', primary_type: 'at_risk', types: ['at_risk', 'loyal'], rfm_segment: 'Loyal',
  consent_email: true, consent_sms: true, consent_profiling: false, consent_whatsapp: true, entered_at: new Date('2026-12-06T14:13:22.841Z'),
  clv_minor: 1420945, p_alive: 0.6590166715389049, churn_risk: 'medium', persona: null,
};
const cellOf = (value: unknown, separators?: { field: ';'; decimal: ',' }) => toCsv([[value]], separators).slice(0, -2);

describe('sheetText', () => {
  it('writes a phone number as a formula giving it as text, exactly as stored, in a "," and a ";" file', () => {
    expect(cellOf(sheetText('+6288222773951'))).toBe('"=""+6288222773951"""');
    expect(cellOf(sheetText('08123456789'))).toBe('"=""08123456789"""');
    expect(cellOf(sheetText('0812 3456-789'), { field: ';', decimal: ',' })).toBe('"=""0812 3456-789"""');
    expect(cellOf(sheetText('(021) 555-0100'))).toBe('"=""(021) 555-0100"""');
    // inside the string literal a sum is text: the sheet shows -2+3 and computes nothing
    expect(cellOf(sheetText('-2+3'))).toBe('"=""-2+3"""');
  });

  it('gives back what the importer reads as the same number', () => {
    for (const phone of ['+6288222773951', '08123456789', '+37120000000']) {
      const cell = String(sheetText(phone));
      expect(normalisePhone(cell, 'ID').value).toBe(normalisePhone(phone, 'ID').value);
    }
  });

  it('leaves anything but digits, spaces, + ( ) and - to the formula guard, so no formula gets in', () => {
    for (const value of ['=cmd|\' /C calc\'!A0', '+62")&cmd|"/C calc"!A0&("', '+1"', '@SUM(1)', '+6221555;ext=12', '+-()']) {
      expect(sheetText(value)).toBe(value);
      expect(cellOf(sheetText(value)).replace(/^"/, '').startsWith('\'')).toBe(true);
    }
    expect(sheetText('')).toBeNull();
    expect(sheetText(null)).toBeNull();
    expect(SheetText.of('+62')?.toString()).toBe('="+62"');
    // no way to make such a cell of anything else
    expect(SheetText.of('+62")&cmd|"/C calc"!A0&("')).toBeNull();
  });
});

describe('sheetChance', () => {
  it('rounds a probability to two decimals, as the web shows it in whole percent, never to none or certainty', () => {
    expect(sheetChance(0.6590166715389049)).toBe(0.66);
    expect(sheetChance(0.892876476127638)).toBe(0.89);
    expect(sheetChance(0.003)).toBe(0.01);
    expect(sheetChance(0.9971)).toBe(0.99);
    expect([sheetChance(0), sheetChance(1), sheetChance(null)]).toEqual([0, 1, null]);
    expect(cellOf(sheetChance(0.6590166715389049), { field: ';', decimal: ',' })).toBe('0,66');
  });
});

describe('sheetTime', () => {
  it("writes an instant on the store's clock as YYYY-MM-DD HH:mm, and a bare day as it is", () => {
    expect(sheetTime('2026-08-31T07:29:35.000Z', 'Asia/Jakarta')).toBe('2026-08-31 14:29');
    expect(sheetTime(new Date('2026-07-15T21:30:00Z'), 'Europe/Riga')).toBe('2026-07-16 00:30');
    expect(sheetTime('2026-11-30', 'Asia/Jakarta')).toBe('2026-11-30');
    expect(sheetTime(null, 'Asia/Jakarta')).toBeNull();
  });
});

describe("the CLI's sheet form of a member (customerSheetCells)", () => {
  const byColumn = (cells: unknown[]) => Object.fromEntries(segmentMemberCsvColumns.map((column, index) => [column, cells[index]]));

  it('writes the phone as text, times on the store clock and P(alive) with two decimals; the re-import form keeps every value', () => {
    const sheet = byColumn(customerSheetCells(dimas, segmentMemberCsvColumns, rupiah, 'Asia/Jakarta'));
    expect(sheet).toMatchObject({
      customer_id: 26, last_purchase_at: '2026-08-31 14:29', first_purchase_at: '2025-08-09 07:29', created_at: '2025-08-09 07:29', entered_at: '2026-12-06 21:13',
      p_alive: 0.66, revenue: '-1500', revenue_minor: -1500, clv: '1420945',
    });
    expect(sheet.phone).toBeInstanceOf(SheetText);
    const machine = byColumn(customerCsvCells(dimas, segmentMemberCsvColumns, rupiah));
    expect(machine).toMatchObject({ phone: '+6288222773951', p_alive: 0.6590166715389049, last_purchase_at: '2026-08-31T07:29:35.000Z' });
  });

  it('comes out of toCsv with the phone as text, amounts still numbers and formula-like text still guarded', () => {
    const row = { ...dimas, name: '=cmd|\' /C calc\'!A0', phone: '08123456789' };
    const line = toCsv([customerSheetCells(row, segmentMemberCsvColumns, rupiah, 'Asia/Jakarta')]);
    expect(line.startsWith('26,\'=cmd|\' /C calc\'!A0,dimas@example.com,"=""08123456789""",Jakarta,ID,true,12,-1500,-1500,2025-08-09 07:29,2026-08-31 14:29,')).toBe(true);
    // WhatsApp consent with the other consents, before when the member entered; the persona (empty here) last
    expect(line).toContain(',true,2026-12-06 21:13,1420945,1420945,0.66,medium,\r\n');
    expect(toCsv([customerSheetCells({ ...row, phone: '+6288222773951' }, segmentMemberCsvColumns, rupiah, 'UTC')])).toContain(',"=""+6288222773951""",');
  });
});
