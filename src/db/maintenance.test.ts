import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { maintainEmbeddedStore, maintenanceDue, type TableActivity } from './maintenance.js';
import { openStore } from './client.js';
import { migrate } from './migrate.js';

const quiet: TableActivity = { table: 't', rows: 1000, deadRows: 0, changedSinceAnalyze: 0, insertedSinceVacuum: 0 };

describe('when a table is due for vacuum or analyze (autovacuum defaults)', () => {
  it('vacuums past 50 + 20% dead rows or 1,000 + 20% inserted rows, analyzes past 50 + 10% changed', () => {
    expect(maintenanceDue([quiet])).toEqual([]);
    expect(maintenanceDue([{ ...quiet, deadRows: 250 }])).toEqual([]);
    expect(maintenanceDue([{ ...quiet, deadRows: 251 }])).toEqual([{ table: 't', vacuum: true, analyze: false }]);
    expect(maintenanceDue([{ ...quiet, insertedSinceVacuum: 1200 }])).toEqual([]);
    expect(maintenanceDue([{ ...quiet, insertedSinceVacuum: 1201, changedSinceAnalyze: 1201 }])).toEqual([{ table: 't', vacuum: true, analyze: true }]);
    expect(maintenanceDue([{ ...quiet, changedSinceAnalyze: 150 }])).toEqual([]);
    expect(maintenanceDue([{ ...quiet, changedSinceAnalyze: 151 }])).toEqual([{ table: 't', vacuum: false, analyze: true }]);
  });

  it('counts a table never analysed (-1 rows) as empty', () => {
    expect(maintenanceDue([{ ...quiet, rows: -1, changedSinceAnalyze: 51 }])).toEqual([{ table: 't', vacuum: false, analyze: true }]);
    expect(maintenanceDue([{ ...quiet, rows: -1, changedSinceAnalyze: 50 }])).toEqual([]);
  });
});

describeEachStore('store maintenance', (context) => {
  it('gives an embedded store what autovacuum gives a server: statistics and a visibility map after a large change, once', async () => {
    const db = context.store.db;
    await sql`insert into customer (name, created_at) select 'Customer ' || i, now() from generate_series(1, 2000) i`.execute(db);
    await sql`update customer set city = 'Jakarta' where customer_id % 4 = 0`.execute(db);
    const before = await customerTable();
    const steps = await maintainEmbeddedStore(context.store);
    const after = await customerTable();
    if (context.kind === 'server') {
      // autovacuum's work on a server: nothing is done here
      expect(steps).toEqual([]);
      expect(after).toEqual(before);
      return;
    }
    expect(before.rows).toBe(-1);
    expect(steps).toContainEqual({ table: 'customer', vacuum: true, analyze: true });
    expect(after.rows).toBe(2000);
    expect(after.allVisiblePages).toBe(after.pages);
    // what the planner now knows: a quarter of the customers live in Jakarta
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from customer where city = 'Jakarta'`.execute(db);
    expect(plan.rows[0]['QUERY PLAN']).toMatch(/rows=500\b/);
    expect(await maintainEmbeddedStore(context.store)).toEqual([]);

    async function customerTable() {
      const result = await sql<{ rows: number; pages: number; all_visible: number }>`
        select reltuples::float8 as rows, relpages as pages, relallvisible as all_visible from pg_class where oid = to_regclass('customer')`.execute(db);
      const row = result.rows[0];
      return { rows: Number(row.rows), pages: row.pages, allVisiblePages: row.all_visible };
    }
  });
});

describe('store maintenance across sessions of an embedded store', () => {
  it('adds up what each session counted, as PGlite forgets its counters when it closes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-maintenance-'));
    try {
      const session = async (work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<void>) => {
        const store = await openStore(directory);
        try {
          await work(store);
          return await maintainEmbeddedStore(store, { closing: true });
        } finally {
          await store.close();
        }
      };
      const insert = (count: number) => async (store: Awaited<ReturnType<typeof openStore>>) => {
        await sql`insert into customer (name, created_at) select 'Customer ' || i, now() from generate_series(1, ${count}::int) i`.execute(store.db);
      };
      // 2,000 customers, analysed: the next analyze is due after 50 + 200 changed rows
      expect(await session(async (store) => { await migrate(store); await insert(2000)(store); })).toContainEqual({ table: 'customer', vacuum: true, analyze: true });
      expect((await session(insert(150))).map((step) => step.table)).not.toContain('customer');
      // 150 + 150 = 300 over two sessions, though neither counted more than 150 itself
      expect(await session(insert(150))).toContainEqual({ table: 'customer', vacuum: false, analyze: true });
      expect((await session(insert(150))).map((step) => step.table)).not.toContain('customer');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
