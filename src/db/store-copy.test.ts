import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { fixedClock } from '../core/clock.js';
import { createCustomer } from '../customers/customers.service.js';
import { loadSyntheticDemo } from '../demo/load-demo.js';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import type { Store, StoreKind } from './client.js';
import type { Database } from './schema.js';
import { copyStore } from './store-copy.js';

type Opened = { store: Store; dispose: () => Promise<void> };

/** Every table's rows as JSON text, in a fixed order: what the test compares, independently of the copy's own check. */
async function contents(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname <> 'schema_migration' order by 1`.execute(db);
  const all: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(name)} t`.execute(db);
    all[name] = rows.map((row) => row.row).sort();
  }
  return all;
}

async function sequenceValues(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'S' order by 1`.execute(db);
  const values: string[] = [];
  for (const { name } of rows) values.push(`${name}=${(await sql<{ v: string }>`select last_value::text || '/' || is_called::text as v from ${sql.table(name)}`.execute(db)).rows[0].v}`);
  return values;
}

const rowsIn = async (db: Kysely<Database>, table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);

// every direction the stores at hand allow: embedded to embedded always, and with a server, onto it and back
const directions: Array<[StoreKind, StoreKind]> = testStoreKinds().includes('server') ? [['embedded', 'server'], ['server', 'embedded']] : [['embedded', 'embedded']];

for (const [fromKind, toKind] of directions) {
  describe(`copyStore ${fromKind} → ${toKind}`, () => {
    let source: Opened;
    beforeAll(async () => {
      source = await createTestStore(fromKind);
      // a whole store: customers, orders, types, RFM, predictions, personas, segments, audit entries
      await loadSyntheticDemo(source.store.db, { customers: 120, clock: fixedClock('2026-11-20T09:00:00Z'), actor: 'test' });
    }, 240_000);
    afterAll(async () => source?.dispose());

    it('copies every row, value for value, sets each sequence where the source stands, and leaves the target working', async () => {
      const target = await createTestStore(toKind);
      try {
        const progress: number[] = [];
        const result = await copyStore(source.store.db, target.store.db, { onProgress: (step) => progress.push(step.copiedRows) });
        const copied = await contents(target.store.db);
        expect(copied).toEqual(await contents(source.store.db));
        expect(await sequenceValues(target.store.db)).toEqual(await sequenceValues(source.store.db));
        expect(result.rows).toBe(Object.values(copied).reduce((sum, rows) => sum + rows.length, 0));
        expect(result.rows).toBeGreaterThan(1000);
        expect(progress.at(-1)).toBe(result.rows);
        // the store-wide aggregates' triggers are on again: a new purchase day moves them on both alike
        for (const db of [source.store.db, target.store.db]) {
          await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor) values (1, '2026-11-21', 1, 5000)
            on conflict (customer_id, day) do update set order_count = customer_purchase_day.order_count + 1`.execute(db);
        }
        expect((await contents(target.store.db)).store_purchase_day).toEqual((await contents(source.store.db)).store_purchase_day);
        // the next customer takes the next id on both, not one the copy already holds
        const [fromId, toId] = [await createCustomer(source.store.db, { name: 'Next' }), await createCustomer(target.store.db, { name: 'Next' })];
        expect(toId).toBe(fromId);
      } finally {
        await target.dispose();
      }
    }, 240_000);

    it('refuses a target that holds data, naming its tables, and changes nothing there', async () => {
      const target = await createTestStore(toKind);
      try {
        await createCustomer(target.store.db, { name: 'Already here' });
        const before = await contents(target.store.db);
        await expect(copyStore(source.store.db, target.store.db)).rejects.toMatchObject({ code: 'STORE_COPY_TARGET_NOT_EMPTY', details: { field: '--to', tables: expect.arrayContaining(['customer']) } });
        expect(await contents(target.store.db)).toEqual(before);
      } finally {
        await target.dispose();
      }
    }, 240_000);

    it('leaves the target empty when the copy stops part-way', async () => {
      const target = await createTestStore(toKind);
      try {
        let tables = 0;
        const stop = new Error('stopped after five tables');
        await expect(copyStore(source.store.db, target.store.db, { afterTable: () => { tables += 1; if (tables === 5) throw stop; } })).rejects.toBe(stop);
        const left = await contents(target.store.db);
        expect(Object.entries(left).filter(([, rows]) => rows.length > 0)).toEqual([]);
        // and a second attempt then copies the whole store
        await copyStore(source.store.db, target.store.db);
        expect(await rowsIn(target.store.db, 'customer_order')).toBe(await rowsIn(source.store.db, 'customer_order'));
      } finally {
        await target.dispose();
      }
    }, 240_000);

    it('refuses stores at different migrations', async () => {
      const target = await createTestStore(toKind);
      try {
        await sql`delete from schema_migration where name = (select max(name) from schema_migration)`.execute(target.store.db);
        await expect(copyStore(source.store.db, target.store.db)).rejects.toMatchObject({ code: 'STORE_COPY_MIGRATIONS_INVALID' });
      } finally {
        await target.dispose();
      }
    }, 240_000);
  });
}
