import { describe, expect, it } from 'vitest';
import { provenDateFormat, unreadableDateColumns } from './date-columns.js';

const rows = (...dates: string[]) => dates.map((date, index) => ({ Datums: date, Summa: `${index + 1},50` }));
const mapping = { ordered_at: 'Datums', amount: 'Summa' };

describe('the date columns a date format cannot read, said before the import', () => {
  it('finds none in dotted day-first dates, which the importer reads without a format', () => {
    expect(unreadableDateColumns('orders', rows('03.11.2026', '3.11.2026 14:05', '25.11.26'), mapping, '')).toEqual([]);
  });

  it('suggests dd/MM/yyyy for slash dates once a day after the 12th shows the day comes first', () => {
    expect(unreadableDateColumns('orders', rows('03/11/2026', '25/11/2026'), mapping, '')).toEqual([
      { field: 'ordered_at', column: 'Datums', value: '03/11/2026', format: null, formats: ['dd/MM/yyyy'] },
    ]);
    expect(unreadableDateColumns('orders', rows('11/03/2026 10:15', '11/25/2026 09:00'), mapping, '')[0].formats).toEqual(['MM/dd/yyyy HH:mm']);
  });

  it('offers both orders when no date in the column tells them apart, leaving the choice to the user', () => {
    expect(unreadableDateColumns('orders', rows('03/11/2026', '04/11/2026'), mapping, '')[0].formats).toEqual(['dd/MM/yyyy', 'MM/dd/yyyy']);
  });

  it('says when the format given does not match the dates, and which does', () => {
    expect(unreadableDateColumns('orders', rows('25/11/2026'), mapping, 'dd/MM/yyyy')).toEqual([]);
    expect(unreadableDateColumns('orders', rows('25-11-2026'), mapping, 'dd/MM/yyyy')).toEqual([
      { field: 'ordered_at', column: 'Datums', value: '25-11-2026', format: 'dd/MM/yyyy', formats: ['dd-MM-yyyy'] },
    ]);
  });

  it('leaves alone a day that does not exist, which the importer refuses for its day, and text no format reads gets no suggestion', () => {
    expect(unreadableDateColumns('orders', rows('2026-11-03', '31.02.2026', ''), mapping, '')).toEqual([]);
    expect(unreadableDateColumns('orders', rows('yesterday'), mapping, '')[0].formats).toEqual([]);
    expect(unreadableDateColumns('customers', [{ Since: '25/11/2026' }], { created_at: 'Since' }, '')[0]).toMatchObject({ field: 'created_at', formats: ['dd/MM/yyyy'] });
  });
});

describe('the date format the file\'s own dates prove', () => {
  it('is day first once a day after the 12th comes first, month first once one comes second, with the value that shows it', () => {
    expect(provenDateFormat('orders', rows('03/11/2026', '25/11/2026'), mapping)).toEqual({
      format: 'dd/MM/yyyy', field: 'ordered_at', column: 'Datums', inferredFrom: '25/11/2026', otherOrder: 'MM/dd/yyyy',
    });
    expect(provenDateFormat('orders', rows('11/03/2026 10:15', '11/25/2026 09:00'), mapping)).toMatchObject({ format: 'MM/dd/yyyy HH:mm', inferredFrom: '11/25/2026 09:00' });
    expect(provenDateFormat('events', [{ When: '2026-11-03' }, { When: '' }, { When: '25-11-2026' }], { occurred_at: 'When' })).toBeNull();
    expect(provenDateFormat('customers', [{ Since: '13-01-2026' }], { created_at: 'Since' })).toMatchObject({ format: 'dd-MM-yyyy', field: 'created_at', column: 'Since' });
  });

  it('is none when no date tells the orders apart, when dates are dotted, or when the date column is not mapped', () => {
    expect(provenDateFormat('orders', rows('03/11/2026', '04/11/2026'), mapping)).toBeNull();
    expect(provenDateFormat('orders', rows('03.11.2026', '25.11.2026'), mapping)).toBeNull();
    expect(provenDateFormat('orders', rows('03/11/2026', '25/11/2026'), { amount: 'Summa' })).toBeNull();
  });
});
