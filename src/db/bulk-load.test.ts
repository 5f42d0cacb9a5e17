import { sql, type Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { loadIntoEmptyTables, loadWithIndexesBuiltAfter } from './bulk-load.js';
import type { Database } from './schema.js';

type Index = { name: string; definition: string; oid: number; valid: boolean };

const tables = ['bulk_parent', 'bulk_child'];

/** The indexes of the test tables as the catalogue has them. */
async function indexesOf(db: Kysely<Database>): Promise<Index[]> {
  const result = await sql<Index>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition, i.indexrelid::int as oid, i.indisvalid as valid
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid in (select to_regclass(t) from unnest(${tables}::text[]) t)
    order by c.relname`.execute(db);
  return result.rows;
}

/** Access-exclusive locks this session holds on the test tables. */
async function exclusiveLocks(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ locks: number }>`
    select count(*)::int as locks from pg_locks
    where pid = pg_backend_pid() and mode = 'AccessExclusiveLock' and granted
      and relation in (select to_regclass(t) from unnest(${tables}::text[]) t)`.execute(db);
  return result.rows[0].locks;
}

const loadRows = (db: Kysely<Database>) => async () => {
  await sql`insert into bulk_parent (id, code, tags, score) select i, 'c' || i, array['t' || (i % 3)], i % 7 from generate_series(1, 500) i`.execute(db);
  const result = await sql`insert into bulk_child (parent_id, line, note) select i, 1, case when i % 2 = 0 then 'even' end from generate_series(1, 500) i`.execute(db);
  return Number(result.numAffectedRows);
};

describeEachStore('bulk loads into empty tables', (context) => {
  beforeEach(async () => {
    const db = context.store.db;
    await sql`drop table if exists bulk_child, bulk_parent`.execute(db);
    // a primary key, a unique constraint and a foreign key (kept), and secondary indexes of several
    // kinds (dropped and built again): plain, unique, partial, expression and GIN
    await sql`create table bulk_parent (id bigint primary key, code text not null constraint bulk_parent_code_key unique, tags text[] not null, score int not null)`.execute(db);
    await sql`create index bulk_parent_score_idx on bulk_parent (score desc)`.execute(db);
    await sql`create unique index bulk_parent_lower_code_idx on bulk_parent (lower(code))`.execute(db);
    await sql`create index bulk_parent_tags_idx on bulk_parent using gin (tags)`.execute(db);
    await sql`create table bulk_child (parent_id bigint not null references bulk_parent, line int not null, note text, primary key (parent_id, line))`.execute(db);
    await sql`create index bulk_child_note_idx on bulk_child (note) where note is not null`.execute(db);
  });

  it('writes the rows and leaves every index as the catalogue defined it, those behind constraints never dropped', async () => {
    const db = context.store.db;
    const before = await indexesOf(db);
    const loaded = await db.transaction().execute(async (transaction) => {
      const result = await loadIntoEmptyTables(transaction, tables, loadRows(transaction));
      // held until the transaction ends
      expect(await exclusiveLocks(transaction)).toBe(2);
      return result;
    });
    expect(loaded).toBe(500);
    const after = await indexesOf(db);
    expect(after.map(({ name, definition, valid }) => ({ name, definition, valid }))).toEqual(before.map(({ name, definition, valid }) => ({ name, definition, valid })));
    const kept = ['bulk_child_pkey', 'bulk_parent_code_key', 'bulk_parent_pkey'];
    const oid = (indexes: Index[], name: string) => indexes.find((index) => index.name === name)!.oid;
    for (const name of kept) expect(oid(after, name)).toBe(oid(before, name));
    for (const name of ['bulk_child_note_idx', 'bulk_parent_lower_code_idx', 'bulk_parent_score_idx', 'bulk_parent_tags_idx']) {
      expect(oid(after, name)).not.toBe(oid(before, name));
    }
    // the rebuilt indexes hold the rows: a unique one refuses a duplicate, a GIN one finds by element
    await expect(sql`insert into bulk_parent (id, code, tags, score) values (9999, 'C1', '{}', 0)`.execute(db)).rejects.toThrow(/bulk_parent_lower_code_idx/);
    const tagged = await sql<{ n: number }>`select count(*)::int as n from bulk_parent where tags @> array['t1']`.execute(db);
    expect(tagged.rows[0].n).toBe(167);
  });

  it('does nothing, and holds no lock, when any of the tables holds a row', async () => {
    const db = context.store.db;
    await sql`insert into bulk_parent (id, code, tags, score) values (1, 'c1', '{}', 1)`.execute(db);
    const before = await indexesOf(db);
    await db.transaction().execute(async (transaction) => {
      let called = false;
      expect(await loadIntoEmptyTables(transaction, tables, async () => { called = true; })).toBeNull();
      expect(called).toBe(false);
      expect(await exclusiveLocks(transaction)).toBe(0);
    });
    expect(await indexesOf(db)).toEqual(before);
  });

  it('gives the indexes back when the load fails, with the transaction', async () => {
    const db = context.store.db;
    const before = await indexesOf(db);
    // two codes differing in case only: the unique expression index, built after the rows, refuses them
    await expect(db.transaction().execute((transaction) => loadIntoEmptyTables(transaction, tables, async () => {
      await sql`insert into bulk_parent (id, code, tags, score) values (1, 'a', '{}', 1), (2, 'A', '{}', 1)`.execute(transaction);
    }))).rejects.toThrow(/bulk_parent_lower_code_idx/);
    expect(await indexesOf(db)).toEqual(before);
    const rows = await sql<{ n: number }>`select count(*)::int as n from bulk_parent`.execute(db);
    expect(rows.rows[0].n).toBe(0);
  });

  it('refuses to drop indexes outside a transaction', async () => {
    await expect(loadWithIndexesBuiltAfter(context.store.db, tables, async () => 0)).rejects.toThrow(/inside a transaction/);
  });

  // Two connections at once are a server's: the embedded store runs one transaction at a time.
  if (context.kind === 'server') {
    it('waits for a writer that got there first, then gives the lock back and loads nothing', async () => {
      const db = context.store.db;
      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => { commit = resolve; });
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => { wrote = resolve; });
      const writer = db.transaction().execute(async (transaction) => {
        await sql`insert into bulk_parent (id, code, tags, score) values (1, 'c1', '{}', 1)`.execute(transaction);
        wrote();
        await mayCommit;
      });
      await written;
      let load: Promise<unknown> | undefined;
      try {
        load = db.transaction().execute(async (transaction) => {
          const result = await loadIntoEmptyTables(transaction, tables, loadRows(transaction));
          return { result, locks: await exclusiveLocks(transaction) };
        });
        // the uncommitted row is invisible to the first look; the lock then waits for the writer
        await expect.poll(async () => (await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks where mode = 'AccessExclusiveLock' and not granted
            and relation in (select to_regclass(t) from unnest(${tables}::text[]) t)`.execute(db)).rows[0].waiting,
        { timeout: 5_000 }).toBe(1);
      } finally {
        commit();
        await writer;
      }
      expect(await load).toEqual({ result: null, locks: 0 });
      const rows = await sql<{ n: number }>`select count(*)::int as n from bulk_parent`.execute(db);
      expect(rows.rows[0].n).toBe(1);
    });
  }
});
