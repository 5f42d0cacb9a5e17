import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { columnListText, unmappedColumns } from './import-rows.js';

describe('the list of columns no field reads', () => {
  // the review: "Klienta vārds, uzvārds" joined with ", " read as two columns
  it.each([
    ['en', 'Not imported (no field reads them): “Klienta vārds, uzvārds”, “note”'],
    ['lv', 'Netiks importētas (neviens lauks tās nelasa): “Klienta vārds, uzvārds”, “note”'],
    ['id', 'Tidak diimpor (tidak dibaca bidang mana pun): “Klienta vārds, uzvārds”, “note”'],
  ] as const)('quotes each column in %s, so a name holding a comma reads as one', (locale, expected) => {
    const columns = unmappedColumns(['Klienta ID', 'Klienta vārds, uzvārds', 'note'], { customer_id: 'Klienta ID' });
    expect(columns).toEqual(['Klienta vārds, uzvārds', 'note']);
    expect(lookupMessage(messagesByLocale[locale], 'import.unmapped', { columns: columnListText(columns) })).toBe(expected);
  });
});
