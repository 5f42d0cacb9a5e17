import { describe, expect, it } from 'vitest';
import { formatColumns } from './import-columns.js';

describe('what the import summary says of the columns it read', () => {
  it('says when a customer column was read as emails because of its values', () => {
    const lines = formatColumns({
      entity: 'orders', ignoredColumns: [],
      guessedColumns: [{ field: 'ordered_at', column: 'Datums' }, { field: 'customer_email', column: 'Klients', valuesAre: 'email' }],
    });
    expect(lines).toEqual([
      'Columns read as: ordered_at ← Datums, customer_email ← Klients (by their names; if one is wrong, import again with --map field=Column)',
      '  Klients: read as customer_email, not customer_id, because most of its values are email addresses; if they are customer ids, import again with --map customer_id=Klients',
    ]);
  });

  it('says when a customer column was read as names, and which columns tell the customers apart', () => {
    const lines = formatColumns({
      entity: 'orders', ignoredColumns: [],
      guessedColumns: [{ field: 'customer_name', column: 'Pelanggan', valuesAre: 'name', toldApartBy: ['Email', 'Telepon'] }, { field: 'customer_email', column: 'Email' }],
    });
    expect(lines[1]).toBe('  Pelanggan: read as customer_name, not customer_id, because most of its values are names; the customers are told apart by Email and Telepon; if they are customer ids, import again with --map customer_id=Pelanggan');
  });

  it('says nothing more when the names decided', () => {
    expect(formatColumns({ entity: 'orders', ignoredColumns: [], guessedColumns: [{ field: 'customer_id', column: 'Klients' }] }))
      .toEqual(['Columns read as: customer_id ← Klients (by their names; if one is wrong, import again with --map field=Column)']);
  });
});
