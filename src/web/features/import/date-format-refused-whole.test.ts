import { describe, expect, it } from 'vitest';
import { columnsRefusedWhole, unreadableDateColumns } from './date-columns.js';

const mapping = { order_id: 'id', ordered_at: 'Datums' };
const rows = (...dates: string[]) => dates.map((date, index) => ({ id: `O${index}`, Datums: date }));

describe('a date format typed that refuses every date of a column', () => {
  // the review: MM/dd/yyyy typed for a file of dd.MM.yyyy dates
  it('holds the import back when the format reads none of the column\'s dates', () => {
    const file = rows('25.11.2025', '03.11.2025', '');
    const columns = unreadableDateColumns('orders', file, mapping, 'MM/dd/yyyy');
    expect(columns.map((column) => column.field)).toEqual(['ordered_at']);
    expect(columnsRefusedWhole(file, columns).map((column) => column.field)).toEqual(['ordered_at']);
  });

  it('warns but lets the import go when the format reads some of them', () => {
    const file = rows('25/11/2025', '03/11/2025', '11/25/2025');
    const columns = unreadableDateColumns('orders', file, mapping, 'MM/dd/yyyy');
    expect(columns).toHaveLength(1);
    expect(columnsRefusedWhole(file, columns)).toEqual([]);
  });

  it('holds nothing back with no format given: the import then says every row was refused, as the CLI does', () => {
    const file = rows('03/11/2025', '04/11/2025');
    const columns = unreadableDateColumns('orders', file, mapping, '');
    expect(columns).toHaveLength(1);
    expect(columnsRefusedWhole(file, columns)).toEqual([]);
  });
});
