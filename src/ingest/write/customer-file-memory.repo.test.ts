import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { importFile } from '../import-file.service.js';
import { ingestRecords } from '../ingest-batch.service.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-customer-file-memory-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function csvFile(name: string, lines: string[]): string {
  const path = join(directory, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describeEachStore('what a customer import remembers of its file', (context) => {
  const db = () => context.store.db;
  const importCustomers = (file: string, batchSize?: number) =>
    importFile(db(), { entity: 'customers', file, batchSize, actor: 'test', clock: fixedClock('2024-12-31T00:00:00Z'), rejectsPath: null });

  /** Import ids with remembered rows, in either table. */
  async function rememberedImports(): Promise<number[]> {
    const result = await sql<{ import_id: string | number }>`
      select import_id from import_seen_ref union select import_id from import_given order by import_id`.execute(db());
    return result.rows.map((row) => Number(row.import_id));
  }

  async function startRun(heartbeatMinutesAgo: number, status = 'running'): Promise<number> {
    const result = await sql<{ import_id: string | number }>`
      insert into import_run (entity, file_name, preset, started_by, status, heartbeat_at)
      values ('customers', 'elsewhere.csv', null, 'test', ${status}, now() - make_interval(mins => ${heartbeatMinutesAgo}::int))
      returning import_id`.execute(db());
    return Number(result.rows[0].import_id);
  }

  async function remember(importId: number, customerId: number): Promise<void> {
    await sql`insert into import_seen_ref (import_id, kind, namespace, value, line, customer_id) values (${importId}::bigint, 'external', 'import', ${`x${customerId}`}, 2, ${customerId}::bigint)`.execute(db());
    await sql`insert into import_given (import_id, customer_id, fields, attributes) values (${importId}::bigint, ${customerId}::bigint, 3, array['tier'])`.execute(db());
  }

  it('holds nothing of an import once it has finished', async () => {
    const file = csvFile('finished.csv', ['customer_id,name,email,city', 'f1,Fia,fia@example.com,', 'f2,Fia F.,fia@example.com,Riga', 'f3,Gus,gus@example.com,Tartu', 'f1,Again,again@example.com,']);
    // one row a batch: every later row needs what the earlier batches left
    expect(await importCustomers(file, 1)).toMatchObject({ read: 4, inserted: 2, updated: 1, rejected: 1 });
    expect(await rememberedImports()).toEqual([]);
  });

  it('removes, when the next import starts, what runs that are no longer running left, and keeps a live run\'s', async () => {
    const killed = await startRun(60);
    const live = await startRun(0);
    const finished = await startRun(0, 'completed');
    const neverRecorded = 9_000_000;
    for (const importId of [killed, live, finished, neverRecorded]) await remember(importId, importId);

    await importCustomers(csvFile('next.csv', ['customer_id,name', 'n1,Nia']));
    expect(await rememberedImports()).toEqual([live]);
  });
  it('keeps nothing after a customers batch through the API, which is a whole import', async () => {
    const before = await rememberedImports();
    await ingestRecords(db(), 'customers', [{ customer_id: 'api-1', email: 'api.one@example.com' }, { customer_id: 'api-2', email: 'api.one@example.com', city: 'Riga' }],
      { actor: 'test', clock: fixedClock('2024-12-31T00:00:00Z') });
    expect(await rememberedImports()).toEqual(before);
  });
});
