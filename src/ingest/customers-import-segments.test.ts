import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { createSegment, getSegment, listSegmentMembers } from '../segments/index.js';
import { ingestRecords } from './ingest-batch.service.js';
import { importFile } from './import-file.service.js';

const files = scratchFiles('customers-import-segments');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('segment membership follows customer imports', (context) => {
  const db = () => context.store.db;

  async function membersOf(name: string): Promise<{ emails: string[]; count: number }> {
    const items = (await listSegmentMembers(db(), name, { limit: 1000 })).items;
    return { emails: items.map((row) => row.email ?? '').sort(), count: (await getSegment(db(), name)).member_count };
  }

  it('takes in created customers and follows updated ones, through an API batch and a file', async () => {
    const clock = importDefaults.clock;
    await createSegment(db(), { name: 'email consent', filter: { field: 'consent_email', op: 'eq', value: true } }, { actor: 'test', clock });
    await createSegment(db(), { name: 'in bandung', filter: { field: 'city', op: 'eq', value: 'Bandung' } }, { actor: 'test', clock });

    // POST /api/ingest/customers: two new customers
    const created = await ingestRecords(db(), 'customers', [
      { customer_id: 'c1', name: 'Ayu', email: 'ayu@example.com', city: 'Bandung', consent_email: 'true' },
      { customer_id: 'c2', name: 'Budi', email: 'budi@example.com', city: 'Jakarta', consent_email: 'true' },
    ], { actor: 'test', clock });
    expect(created).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await membersOf('email consent')).toEqual({ emails: ['ayu@example.com', 'budi@example.com'], count: 2 });
    expect(await membersOf('in bandung')).toEqual({ emails: ['ayu@example.com'], count: 1 });

    // a file updating both: Ayu withdraws consent and moves, Budi moves to Bandung; a third is new
    const file = files.file('update.csv', [
      'customer_id,email,city,consent_email',
      'c1,ayu@example.com,Surabaya,false',
      'c2,budi@example.com,Bandung,',
      'c3,citra@example.com,Bandung,true',
    ].join('\n'));
    const updated = await importFile(db(), { ...importDefaults, entity: 'customers', file });
    expect(updated).toMatchObject({ inserted: 1, updated: 2, rejected: 0 });
    expect(await membersOf('email consent')).toEqual({ emails: ['budi@example.com', 'citra@example.com'], count: 2 });
    expect(await membersOf('in bandung')).toEqual({ emails: ['budi@example.com', 'citra@example.com'], count: 2 });
    const stored = await sql<{ n: number }>`select count(*)::int as n from segment_member`.execute(db());
    expect(stored.rows[0].n).toBe(4);
  });
});
