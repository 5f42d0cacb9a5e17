import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from './import-file.service.js';

// Real files in a temp directory through the real importer into a real store (IDR, Asia/Jakarta, ID).
const directory = mkdtempSync(join(tmpdir(), 'clientele-import-formats-'));
const clock = fixedClock('2024-12-31T00:00:00Z');
const base = { actor: 'test', clock, rejectsPath: null };
let fileCount = 0;
function writeFile(content: string | Buffer, extension: string): string {
  const path = join(directory, `file-${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

describeEachStore('importing files whose shape varies from line to line', (context) => {
  const db = () => context.store.db;
  const order = (id: string) => db().selectFrom('customer_order').select(['currency', 'ordered_at', 'customer_id']).where('external_id', '=', id).executeTakeFirstOrThrow();

  it('reads JSON Lines keys that first appear after line 1: a currency on line 2, a customer_email instead of customer_id on line 3', async () => {
    await sql`insert into currency_rate (currency, rate_to_store) values ('USD', 16000) on conflict do nothing`.execute(db());
    const file = writeFile([
      '{"order_id":"j1","customer_id":"c1","ordered_at":"2024-06-01","amount":100}',
      '{"order_id":"j2","customer_id":"c1","ordered_at":"2024-06-01","amount":100,"currency":"USD"}',
      '{"order_id":"j3","customer_email":"j3@example.com","ordered_at":"2024-06-01","amount":100}',
      '{"order_id":"j4","ordered_at":"2024-06-01","amount":100}',
    ].join('\n'), 'jsonl');
    const summary = await importFile(db(), { ...base, entity: 'orders', file });
    expect(summary).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 4, field: 'customer_id' });
    expect((await order('j1')).currency).toBe('IDR');
    expect((await order('j2')).currency).toBe('USD');
    expect((await order('j3')).customer_id).toBeGreaterThan(0);
  });

  it('fails fast on a JSON Lines file whose required key is absent from the first line but present later', async () => {
    const file = writeFile([
      '{"order_id":"k1","customer_id":"c1","amount":100}',
      '{"order_id":"k2","customer_id":"c1","ordered_at":"2024-06-01","amount":100}',
    ].join('\n'), 'jsonl');
    const summary = await importFile(db(), { ...base, entity: 'orders', file });
    expect(summary).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 1, field: 'ordered_at' });
    const lacking = writeFile('{"order_id":"k3","customer_id":"c1","amount":100}\n', 'jsonl');
    await expect(importFile(db(), { ...base, entity: 'orders', file: lacking })).rejects.toMatchObject({ code: 'IMPORT_COLUMN_MISSING' });
  });

  it('stores times written with UTC, GMT or an IANA zone at that instant, not as store time', async () => {
    const file = writeFile([
      'order_id,customer_id,ordered_at,amount',
      'z1,c1,2024-03-01 10:00:00 UTC,100',
      'z2,c1,2024-03-01 10:00:00 GMT,100',
      'z3,c1,2024-03-01 10:00:00 America/New_York,100',
      'z4,c1,2024-03-01 10:00:00,100',
      'z5,c1,2024-03-01 10:00:00 Mars/Olympus,100',
    ].join('\n'), 'csv');
    const summary = await importFile(db(), { ...base, entity: 'orders', file });
    expect(summary).toMatchObject({ inserted: 4, rejected: 1 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 6, field: 'ordered_at', reason: expect.stringContaining('"Mars/Olympus", which is not a known IANA zone') });
    const at = async (id: string) => new Date((await order(id)).ordered_at).toISOString();
    expect([await at('z1'), await at('z2'), await at('z3'), await at('z4')]).toEqual([
      '2024-03-01T10:00:00.000Z', '2024-03-01T10:00:00.000Z', '2024-03-01T15:00:00.000Z', '2024-03-01T03:00:00.000Z',
    ]);
    const formatted = writeFile('order_id,customer_id,ordered_at,amount\nz6,c1,01/03/2024 10:00 America/New_York,100\n', 'csv');
    expect(await importFile(db(), { ...base, entity: 'orders', file: formatted, dateFormat: 'dd/MM/yyyy HH:mm z' })).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await at('z6')).toBe('2024-03-01T15:00:00.000Z');
  });

  it('stores a country written as a name as its ISO code and rejects an unknown one by line, keeping the batch', async () => {
    const file = writeFile('customer_id,name,country\nn1,Ana,Indonesia\nn2,Jānis,Latvija\nn3,Budi,Jerman\nn4,Citra,Indonsia\nn5,Dewi,lv\n', 'csv');
    const summary = await importFile(db(), { ...base, entity: 'customers', file });
    expect(summary).toMatchObject({ read: 5, inserted: 4, rejected: 1 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 5, field: 'country', reason: expect.stringContaining('two-letter ISO 3166 code') });
    const countries = await db().selectFrom('customer').select(['name', 'country']).where('name', 'in', ['Ana', 'Jānis', 'Budi', 'Dewi']).orderBy('name').execute();
    expect(countries).toEqual([{ name: 'Ana', country: 'ID' }, { name: 'Budi', country: 'DE' }, { name: 'Dewi', country: 'LV' }, { name: 'Jānis', country: 'LV' }]);
  });

  it('imports a Windows-1252 and a Windows-1257 export with --encoding', async () => {
    const western = writeFile(Buffer.concat([Buffer.from('customer_id,name,city\nw1,Jos'), Buffer.from([0xe9]), Buffer.from(' M'), Buffer.from([0xfc]), Buffer.from('ller,Bogot'), Buffer.from([0xe1]), Buffer.from('\n')]), 'csv');
    expect(await importFile(db(), { ...base, entity: 'customers', file: western, encoding: 'windows-1252' })).toMatchObject({ inserted: 1, rejected: 0 });
    const baltic = writeFile(Buffer.concat([Buffer.from('customer_id,name,city\nw2,J'), Buffer.from([0xe2]), Buffer.from('nis B'), Buffer.from([0xe7, 0xef]), Buffer.from('tis,R'), Buffer.from([0xe7]), Buffer.from('zekne\n')]), 'csv');
    expect(await importFile(db(), { ...base, entity: 'customers', file: baltic, encoding: 'windows-1257' })).toMatchObject({ inserted: 1, rejected: 0 });
    const names = await db().selectFrom('customer').select(['name', 'city']).where('name', 'like', 'J%').where('city', 'is not', null).orderBy('name').execute();
    expect(names).toEqual([{ name: 'José Müller', city: 'Bogotá' }, { name: 'Jānis Bēļtis', city: 'Rēzekne' }]);
  });

  it('writes each rejected row as written in the file, so the rejects file can be corrected and imported again', async () => {
    const header = 'order_id;customer_email;ordered_at;currency;sku;quantity;unit_price;note';
    const rows = [
      'RW1;rw@example.com;01.04.2024;IDR;S1;1;"8000,00";Teh',
      'RW1;rw@example.com;01.04.2024;IDR;S2;x;"2000,00";"Kopi; hitam"',
      'RW2;rw@example.com;02.04.2024;EUR;S1;1;1.234,00;Tea',
      'RW3;rw@example.com;03.04.2024;IDR;S1;1;"5000,00";ok',
    ];
    const file = writeFile(`${[header, ...rows].join('\n')}\n`, 'csv');
    const rejectsPath = `${file}.rejects.csv`;
    const options = { ...base, entity: 'orders' as const, dateFormat: 'dd.MM.yyyy', rejectsPath };
    // RW1 for its bad quantity (its first row with it), RW2 for want of an EUR rate, when written
    expect(await importFile(db(), { ...options, file })).toMatchObject({ inserted: 1, rejected: 3 });
    const rejects = parse(readFileSync(rejectsPath, 'utf8'), { columns: true }) as Array<{ line: string; raw: string }>;
    expect(rejects.map((reject) => [reject.line, reject.raw])).toEqual([['2', rows[0]], ['3', rows[1]], ['4', rows[2]]]);
    const corrected = writeFile(`${[header, ...rejects.map((reject) => reject.raw.replace(';x;', ';1;').replace(';EUR;', ';IDR;'))].join('\n')}\n`, 'csv');
    expect(await importFile(db(), { ...options, file: corrected })).toMatchObject({ inserted: 3, rejected: 0 });
    const totals = await db().selectFrom('customer_order').select(['external_id', 'total_minor']).where('external_id', 'in', ['RW1', 'RW2']).orderBy('external_id').execute();
    expect(totals).toEqual([{ external_id: 'RW1', total_minor: 10_000 }, { external_id: 'RW2', total_minor: 1234 }]);
  });

  it('writes rejects with their delimiters, and a clean re-run removes the stale rejects file', async () => {
    const file = writeFile(Buffer.concat([Buffer.from('customer_id;name;city\nr1;Jos'), Buffer.from([0xe9]), Buffer.from(';"Riga; LV"\nr2;Ana;Jakarta\n')]), 'csv');
    const rejectsPath = `${file}.rejects.csv`;
    expect(await importFile(db(), { ...base, entity: 'customers', file, rejectsPath })).toMatchObject({ rejected: 1, rejectsFile: rejectsPath });
    expect(readFileSync(rejectsPath, 'utf8')).toContain('"r1;Jos\ufffd;""Riga; LV"""');
    writeFileSync(file, 'customer_id;name;city\nr1;José;"Riga; LV"\nr2;Ana;Jakarta\n');
    expect(await importFile(db(), { ...base, entity: 'customers', file, rejectsPath })).toMatchObject({ rejected: 0, rejectsFile: null });
    expect(existsSync(rejectsPath)).toBe(false);
  });
});
