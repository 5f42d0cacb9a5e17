import { describe, expect, it } from 'vitest';
import type { TypeMigration } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { hasTypeMigrationContent, typeMigrationNotes } from './type-migration-notes.js';

const migration = (change: Partial<TypeMigration>): TypeMigration => ({
  from: '2023-07-02T00:00:00.000Z', to: '2024-07-01T00:00:00.000Z', fromDay: '2023-07-01', toDay: '2024-06-30', historyStartsAt: '2024-04-01T00:00:00.000Z',
  historyFrom: '2024-03-31', firstTyped: [{ type: 'lapsed', customers: 2 }, { type: 'new', customers: 1 }],
  flows: [{ fromType: 'lapsed', toType: 'lapsed', customers: 2 }, { fromType: 'new', toType: 'occasional', customers: 1 }], ...change,
});
const notesOf = (locale: Locale, shown: TypeMigration) => typeMigrationNotes(shown, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], null, 'UTC'), locale);

describe('typeMigrationNotes', () => {
  it('says the history starts after the period does, and how many the first analysis typed, in each language', () => {
    expect(notesOf('en', migration({}))).toEqual([
      'The type history only starts 31 Mar 2024, after this period begins: the moves shown are those since then.',
      '3 customers were first typed by the first analysis: the left column shows the types it gave them.',
    ]);
    expect(notesOf('id', migration({}))[0]).toMatch(/^Riwayat tipe baru dimulai .*2024, setelah awal periode ini: yang ditampilkan adalah perpindahan sejak tanggal itu\.$/);
    expect(notesOf('lv', migration({}))).toEqual([
      expect.stringMatching(/^Tipu vēsture sākas tikai 2024\. gada 31\. martā, pēc perioda sākuma: rādītas pārejas kopš tā laika\.$/),
      '3 klientiem pirmo tipu piešķīra pirmā analīze: kreisajā kolonnā ir tās piešķirtie tipi.',
    ]);
    expect(notesOf('lv', migration({ firstTyped: [{ type: 'new', customers: 1 }] }))[1]).toBe('1 klientam pirmo tipu piešķīra pirmā analīze: kreisajā kolonnā ir tās piešķirtais tips.');
  });

  it('says nothing for a period inside the history', () => {
    expect(notesOf('en', migration({ historyFrom: null, firstTyped: [] }))).toEqual([]);
  });

  it('keeps the card, and so its note, when a period before the history has no flows', () => {
    expect(hasTypeMigrationContent(migration({ flows: [], firstTyped: [] }))).toBe(true);
    expect(notesOf('en', migration({ flows: [], firstTyped: [] }))).toEqual(['The type history only starts 31 Mar 2024, after this period begins: the moves shown are those since then.']);
    expect(hasTypeMigrationContent(migration({ flows: [], historyFrom: null, firstTyped: [] }))).toBe(false);
  });
});
