import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// A Riga shop's orders file named its status column "Statuss", a common Latvian name for it: the
// column was only reported as "probably status", and its cancelled ("Atcelts") orders were stored
// as paid, counted as revenue. An Indonesian customers file's "Nama", "Telepon" and "Kota" left
// every customer without a name, phone or city.
const files = scratchFiles('optional-column-names');

describeEachStore('optional fields under a common other name', (context) => {
  const db = () => context.store.db;

  it('reads a Latvian "Statuss" column, so cancelled orders are stored as cancelled, and says it read it', async () => {
    const rows = [
      ['05.03.2026', 'LV-101', 'K-1', '45500', 'Apmaksāts'], ['05.03.2026', 'LV-102', 'K-2', '12000', 'Atcelts'],
      ['06.03.2026', 'LV-103', 'K-1', '30000', 'Atcelts'], ['07.03.2026', 'LV-104', 'K-3', '99900', 'Apmaksāts'],
    ];
    const file = files.file('pasutijumi.csv', ['Datums;Pasūtījuma nr.;Klients;Summa;Statuss', ...rows.map((row) => row.join(';'))].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file });
    expect(summary.rejectsSample).toEqual([]);
    expect(summary).toMatchObject({ inserted: 4, rejected: 0, ignoredColumns: [] });
    expect(summary.guessedColumns).toContainEqual({ field: 'status', column: 'Statuss' });
    const stored = await db().selectFrom('customer_order').select(['external_id', 'status']).where('external_id', 'like', 'LV-1%').orderBy('external_id').execute();
    expect(stored).toEqual([
      { external_id: 'LV-101', status: 'paid' }, { external_id: 'LV-102', status: 'cancelled' },
      { external_id: 'LV-103', status: 'cancelled' }, { external_id: 'LV-104', status: 'paid' },
    ]);
  });

  it('reads an Indonesian customers file\'s Nama, Telepon and Kota as the name, phone and city', async () => {
    const file = files.file('pelanggan.csv', ['Email,Nama,Telepon,Kota', 'ayu@contoh.id,Ayu Lestari,+62 812 3456 7890,Bandung'].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0, ignoredColumns: [] });
    const stored = await db().selectFrom('customer').select(['name', 'city']).where('email', '=', 'ayu@contoh.id').executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Ayu Lestari', city: 'Bandung' });
  });
});
