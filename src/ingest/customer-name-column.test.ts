import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importDefaults as base, scratchFiles } from '../../test/helpers/import-files.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importFile } from './import-file.service.js';

// An Indonesian till names its buyer in a "Pelanggan" column: read as an id, two people called
// "Budi" were one customer and every walk-in "Umum" one repeat buyer (column-plan.ts, readNamesAsNames).
const { file: fileOf } = scratchFiles('customer-name-column');

describeEachStore('an orders file whose customer column holds names', (context) => {
  const db = () => context.store.db;
  const customersOf = async (orderIds: string[]) =>
    (await db().selectFrom('customer_order').select('customer_id').distinct().where('external_id', 'in', orderIds).execute()).map((row) => row.customer_id);
  const nameOf = async (customerId: number) => (await db().selectFrom('customer').select('name').where('customer_id', '=', customerId).executeTakeFirstOrThrow()).name;

  it('reads the column as the name, so two buyers called Budi with other emails and phones are two customers', async () => {
    const orders = fileOf('pesanan.csv', [
      'Tanggal,No Pesanan,Pelanggan,Email,Telepon,Total,Status',
      '2024-03-01,INV-1,Budi Santoso,budi.santoso@example.co.id,+62 812 1111 2222,150000,Selesai',
      '2024-03-02,INV-2,Budi,budi.hartono@example.co.id,+62 813 3333 4444,75000,Selesai',
      '2024-03-03,INV-3,Siti Aminah,siti@example.co.id,+62 815 5555 6666,50000,Lunas',
      '2024-03-04,INV-4,Budi,budi.prasetyo@example.co.id,+62 817 7777 8888,20000,Selesai',
      '2024-03-05,INV-5,Budi Santoso,budi.santoso@example.co.id,+62 812 1111 2222,30000,Selesai',
      '2024-03-06,INV-6,Umum,,,40000,Selesai',
      '2024-03-07,INV-7,Umum,,,45000,Selesai',
      '2024-03-08,INV-8,I Made Wirawan,,+62 819 9999 0000,60000,Selesai',
    ].join('\n') + '\n');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders });
    expect(summary.guessedColumns).toContainEqual({ field: 'customer_name', column: 'Pelanggan', valuesAre: 'name', toldApartBy: ['Email', 'Telepon'] });
    // the walk-ins name no one: rejected as orders without a customer, not one repeat buyer "Umum"
    expect(summary).toMatchObject({ read: 8, inserted: 6, rejected: 2 });
    expect(summary.rejectCounts).toEqual([expect.objectContaining({ code: 'CUSTOMER_MISSING', rows: 2 })]);

    const [budiSantoso] = await customersOf(['INV-1', 'INV-5']);
    const [budiHartono] = await customersOf(['INV-2']);
    const [budiPrasetyo] = await customersOf(['INV-4']);
    expect(await customersOf(['INV-1', 'INV-5'])).toHaveLength(1);
    expect(new Set([budiSantoso, budiHartono, budiPrasetyo]).size).toBe(3);
    expect([await nameOf(budiSantoso), await nameOf(budiHartono), await nameOf(budiPrasetyo)]).toEqual(['Budi Santoso', 'Budi', 'Budi']);
    expect(await db().selectFrom('customer_identity').select(['kind', 'value']).where('customer_id', '=', budiHartono).orderBy('kind').execute())
      .toEqual([{ kind: 'email', value: 'budi.hartono@example.co.id' }, { kind: 'phone', value: '+6281333334444' }]);
    expect(await sql`select 1 from customer_identity where kind = 'external'`.execute(db()).then((result) => result.rows)).toEqual([]);
    const [made] = await customersOf(['INV-8']);
    expect(await nameOf(made)).toBe('I Made Wirawan');
  });

  it('reads a customers file\'s "Klients" column of names as the name beside its email column', async () => {
    const customers = fileOf('klienti.csv', 'Klients,E-pasts\nAnna Bērziņa,anna.berzina@inbox.lv\nSIA Koks,koks@inbox.lv\n');
    const summary = await importFile(db(), { ...base, entity: 'customers', file: customers });
    expect(summary).toMatchObject({ read: 2, rejected: 0 });
    expect(summary.guessedColumns).toContainEqual({ field: 'name', column: 'Klients', valuesAre: 'name', toldApartBy: ['E-pasts'] });
    const anna = await db().selectFrom('customer').innerJoin('customer_identity', 'customer_identity.customer_id', 'customer.customer_id')
      .select(['customer.name', 'customer_identity.kind']).where('customer_identity.value', '=', 'anna.berzina@inbox.lv').execute();
    expect(anna).toEqual([{ name: 'Anna Bērziņa', kind: 'email' }]);
  });

  it('refuses the file when it has no email or phone column, saying a name cannot tell two buyers apart; --map customer_id is obeyed', async () => {
    const orders = fileOf('pesanan-tanpa-kontak.csv', 'Tanggal,No Pesanan,Pelanggan,Total\n2024-03-01,INV-21,Rina Wati,10000\n2024-03-02,INV-22,Rina Wati,20000\n');
    await expect(importFile(db(), { ...base, entity: 'orders', file: orders })).rejects.toMatchObject({
      code: 'IMPORT_COLUMN_MISSING', message: expect.stringContaining('"Pelanggan" holds names, and a name cannot tell two people apart'),
    });
    expect(await customersOf(['INV-21', 'INV-22'])).toEqual([]);
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders, mapping: { customer_id: 'Pelanggan' } });
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
    const [rina] = await customersOf(['INV-21', 'INV-22']);
    expect(await db().selectFrom('customer_identity').select(['kind', 'value']).where('customer_id', '=', rina).execute()).toEqual([{ kind: 'external', value: 'Rina Wati' }]);
  });
});
