import { describe, expect, it } from 'vitest';
import { toCsv } from '../core/csv.js';
import { customerCsvCells, customerCsvColumns, customerCsvHeader, majorUnits, segmentMemberCsvColumns, type CustomerCsvRow } from './customer-csv.js';

const rupiah = { currency: 'IDR', minorPerMajor: 1 };

const ana: CustomerCsvRow = {
  customer_id: 1, name: 'Ana Wijaya', email: 'ana@example.com', phone: '+6281299990000', city: 'Jakarta', country: 'ID',
  is_real: true, order_count: 5, revenue_minor: 500000, first_purchase_at: new Date('2025-01-01T03:00:00Z'), last_purchase_at: '2026-05-20T03:00:00.000Z',
  created_at: new Date('2024-12-31T23:00:00Z'), primary_type: 'vip', types: ['vip', 'regular'], rfm_segment: 'champions',
  consent_email: true, consent_sms: false, consent_profiling: null, consent_whatsapp: true, entered_at: new Date('2026-06-01T00:00:00Z'),
};

describe('majorUnits', () => {
  it('writes minor units exactly in major units, for a spreadsheet a person reads', () => {
    expect(majorUnits(1_399_093, 100)).toBe('13990.93');
    expect(majorUnits(5, 100)).toBe('0.05');
    expect(majorUnits(0, 100)).toBe('0.00');
    expect(majorUnits(-250, 100)).toBe('-2.50');
    // rupiah has no minor digits: the amount as it is
    expect(majorUnits(263_253_500, 1)).toBe('263253500');
    // three digits (Bahraini dinar), and an amount past 2^53 / 1000 that floating point would round
    expect(majorUnits(1_234_567, 1000)).toBe('1234.567');
    expect(majorUnits(9_007_199_254_740_991, 100)).toBe('90071992547409.91');
  });
});

describe('customer CSV columns', () => {
  it('keeps the first sixteen columns where they were and appends the consent columns, WhatsApp last of them', () => {
    expect(customerCsvHeader(customerCsvColumns, rupiah)).toEqual([
      'customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue (IDR)', 'revenue_minor',
      'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment', 'consent_email', 'consent_sms', 'consent_profiling',
      'consent_whatsapp',
    ]);
    // a member file has the WhatsApp consent with the other consents, never after the persona
    expect(customerCsvHeader(segmentMemberCsvColumns, { currency: null, minorPerMajor: 100 }).slice(-11)).toEqual([
      'rfm_segment', 'consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp', 'entered_at', 'clv', 'clv_minor', 'p_alive', 'churn_risk', 'persona',
    ]);
    expect(customerCsvHeader(segmentMemberCsvColumns, rupiah).slice(-6)).toEqual(['entered_at', 'clv (IDR)', 'clv_minor', 'p_alive', 'churn_risk', 'persona']);
    // and starts with a customer file's columns, in their order, so one mapping reads both
    expect(segmentMemberCsvColumns.slice(0, customerCsvColumns.length)).toEqual([...customerCsvColumns]);
    expect(customerCsvHeader(customerCsvColumns, { currency: null, minorPerMajor: 100 })[8]).toBe('revenue');
  });

  it('writes consent as true, false, or empty when the customer was never asked', () => {
    const [line] = toCsv([customerCsvCells(ana, customerCsvColumns, rupiah)]).split('\r\n');
    expect(line.split(',').slice(-4)).toEqual(['true', 'false', '', 'true']);
    expect(toCsv([customerCsvCells({ ...ana, consent_email: null, consent_sms: null, consent_whatsapp: null }, customerCsvColumns, rupiah)]).trimEnd().split(',').slice(-4)).toEqual(['', '', '', '']);
    expect(toCsv([customerCsvCells({ ...ana, consent_whatsapp: false }, customerCsvColumns, rupiah)]).trimEnd().split(',').slice(-1)).toEqual(['false']);
  });

  it('writes times from the database and from the API alike, and lists types with spaces', () => {
    const cells = customerCsvCells(ana, segmentMemberCsvColumns, { currency: 'EUR', minorPerMajor: 100 });
    expect(toCsv([cells])).toBe('1,Ana Wijaya,ana@example.com,+6281299990000,Jakarta,ID,true,5,5000.00,500000,'
      + '2025-01-01T03:00:00.000Z,2026-05-20T03:00:00.000Z,2024-12-31T23:00:00.000Z,vip,vip regular,champions,true,false,,true,2026-06-01T00:00:00.000Z,,,,,\r\n');
    const predicted = customerCsvCells({ ...ana, clv_minor: 123_456, p_alive: 0.75, churn_risk: 'medium', persona: 'Bargain hunters' }, segmentMemberCsvColumns, { currency: 'EUR', minorPerMajor: 100 });
    expect(predicted.slice(-5)).toEqual(['1234.56', 123_456, 0.75, 'medium', 'Bargain hunters']);
  });

  it('leaves a customer with no revenue figure empty rather than zero', () => {
    const cells = customerCsvCells({ ...ana, revenue_minor: null, types: null }, customerCsvColumns, rupiah);
    expect([cells[8], cells[9], cells[14]]).toEqual([null, null, null]);
  });
});
