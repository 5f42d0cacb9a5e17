import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { testStoreKinds } from '../../test/helpers/stores.js';
import { openStore, type Store } from './client.js';
import { statisticsDue } from './server-statistics.js';

describe('when a table is due for planner statistics', () => {
  it('follows autovacuum\'s rule on the rows changed, or a growth on disk as large', () => {
    expect(statisticsDue({ rows: 1000, pages_then: 10, pages_now: 10, changed: 150 })).toBe(false);
    expect(statisticsDue({ rows: 1000, pages_then: 10, pages_now: 10, changed: 151 })).toBe(true);
    // never analysed (reltuples -1): 50 changed rows are enough
    expect(statisticsDue({ rows: -1, pages_then: 0, pages_now: 1, changed: 51 })).toBe(true);
    // the counts not reported yet, the size is
    expect(statisticsDue({ rows: -1, pages_then: 0, pages_now: 40, changed: 0 })).toBe(true);
    expect(statisticsDue({ rows: 100_000, pages_then: 1000, pages_now: 1050, changed: 0 })).toBe(false);
  });
});

// autovacuum is off on the test server, as on a server where it is: only the import analyses
(testStoreKinds().includes('server') ? describe : describe.skip)('a file import on a server store', () => {
  let db: string;
  let cleanUp: () => Promise<void>;
  let directory: string;
  let store: Store;

  beforeAll(async () => {
    ({ db, cleanUp } = await createCliStore('server'));
    directory = await mkdtemp(join(tmpdir(), 'clientele-statistics-'));
  }, 240_000);
  afterAll(async () => {
    await store?.close();
    await cleanUp?.();
    await rm(directory, { recursive: true, force: true });
  });

  it('leaves the tables it filled with planner statistics', async () => {
    const file = join(directory, 'orders.csv');
    const rows = Array.from({ length: 3000 }, (_, index) => `S${index},stat.${index % 700}@example.com,2024-0${1 + (index % 9)}-1${index % 10}T10:00:00Z,web,${100 + index}`);
    await writeFile(file, `order_id,customer_email,ordered_at,channel,amount\n${rows.join('\n')}\n`);
    const result = await runCliInProcess(db, ['import', 'orders', file]);
    expect(result.exitCode, result.stderr).toBe(0);
    store = await openStore(db);
    const stats = await sql<{ table: string; analysed: Date | null; rows: number }>`
      select s.relname as table, s.last_analyze as analysed, c.reltuples::float8 as rows
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = current_schema() and s.relname in ('customer_order', 'customer') order by 1`.execute(store.db);
    expect(stats.rows.map((row) => [row.table, row.analysed !== null, Number(row.rows)])).toEqual([['customer', true, 700], ['customer_order', true, 3000]]);
  }, 120_000);
});
