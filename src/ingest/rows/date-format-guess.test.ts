import { describe, expect, it } from 'vitest';
import { dateFormatOfValues, inferDateFormat } from './date-format-guess.js';
import { parseDateTime } from './parse-date.js';

const orderColumns = new Map([['order_id', 'No'], ['ordered_at', 'Tanggal']]);
const ordersDated = (...dates: string[]) => dates.map((date, index) => ({ No: `A${index}`, Tanggal: date }));

describe('dateFormatOfValues', () => {
  it('reads a day over 12 in the first place as day first', () => {
    expect(dateFormatOfValues(['08/10/2026', '23/03/2026', '01/02/2026'])).toEqual({ format: 'dd/MM/yyyy', inferredFrom: '23/03/2026', otherOrder: 'MM/dd/yyyy' });
  });

  it('reads a day over 12 in the second place as month first', () => {
    expect(dateFormatOfValues(['3/4/2026', '11/25/2026'])).toEqual({ format: 'M/d/yyyy', inferredFrom: '11/25/2026', otherOrder: 'd/M/yyyy' });
  });

  it('infers nothing when every day and month is 12 or less', () => {
    expect(dateFormatOfValues(['08/10/2026', '01/02/2026', '12/11/2026'])).toBeNull();
  });

  it('infers nothing from mixed evidence', () => {
    expect(dateFormatOfValues(['25/11/2026', '11/25/2026'])).toBeNull();
  });

  it('infers nothing from values written differently', () => {
    expect(dateFormatOfValues(['25/11/2026', '25-11-2026'])).toBeNull();
    expect(dateFormatOfValues(['25/11/2026', '24/11/2026 10:15'])).toBeNull();
  });

  it('takes dotted dates as day first without a day over 12', () => {
    expect(dateFormatOfValues(['08.10.2026', '01.02.2026'])).toEqual({ format: 'dd.MM.yyyy', inferredFrom: null, otherOrder: 'MM.dd.yyyy' });
  });

  it('reads times and dashes', () => {
    expect(dateFormatOfValues(['25-11-2026 14:05', '03-04-2026 9:30'])).toEqual({ format: 'dd-MM-yyyy H:mm', inferredFrom: '25-11-2026 14:05', otherOrder: 'MM-dd-yyyy H:mm' });
    expect(dateFormatOfValues(['11/25/2026 14:05:09'])).toEqual({ format: 'MM/dd/yyyy HH:mm:ss', inferredFrom: '11/25/2026 14:05:09', otherOrder: 'dd/MM/yyyy HH:mm:ss' });
  });

  it('reads a two-digit year only when the values write one', () => {
    expect(dateFormatOfValues(['25/11/26'])).toEqual({ format: 'dd/MM/yy', inferredFrom: '25/11/26', otherOrder: 'MM/dd/yy' });
  });

  it('refuses a day no month has', () => {
    expect(dateFormatOfValues(['32/11/2026'])).toBeNull();
  });
});

describe('inferDateFormat', () => {
  it('infers the format of an orders file from its date column, and the format reads its dates', () => {
    const inferred = inferDateFormat('orders', orderColumns, ordersDated('08/10/2026', '25/11/2026'));
    expect(inferred).toEqual({ format: 'dd/MM/yyyy', inferredFrom: '25/11/2026', otherOrder: 'MM/dd/yyyy', field: 'ordered_at', column: 'Tanggal' });
    expect(parseDateTime('ordered_at', '08/10/2026', { dateFormat: inferred!.format, timeZone: 'UTC', now: new Date('2026-12-04T00:00:00Z') })).toEqual(new Date('2026-10-08T00:00:00Z'));
  });

  it('needs no format for values read without one (ISO 8601, dotted), and ignores empty ones', () => {
    expect(inferDateFormat('orders', orderColumns, ordersDated('2026-11-25', '25.11.2026', '2026-11-25T10:00:00+07:00'))).toBeNull();
    expect(inferDateFormat('orders', orderColumns, ordersDated('', '25/11/2026', ' '))?.format).toBe('dd/MM/yyyy');
  });

  it('infers nothing when the column mixes such values with others, as the format would refuse them', () => {
    expect(inferDateFormat('orders', orderColumns, ordersDated('2026-11-25', '25/11/2026'))).toBeNull();
  });

  it('infers nothing from an ambiguous file, nor for a file without a date column', () => {
    expect(inferDateFormat('orders', orderColumns, ordersDated('08/10/2026', '01/02/2026'))).toBeNull();
    expect(inferDateFormat('orders', new Map([['order_id', 'No']]), ordersDated('25/11/2026'))).toBeNull();
  });

  it('reads the date field of customers and events files', () => {
    expect(inferDateFormat('customers', new Map([['created_at', 'Daftar']]), [{ Daftar: '11/25/2026' }])?.format).toBe('MM/dd/yyyy');
    expect(inferDateFormat('events', new Map([['occurred_at', 'Waktu']]), [{ Waktu: '25/11/2026 10:15' }])?.format).toBe('dd/MM/yyyy HH:mm');
  });
});
