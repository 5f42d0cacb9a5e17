import { expect, it } from 'vitest';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { namedStatementMarker, namedStatementName, namedStatementPrefix } from './named-statements.js';
import type { Database } from './schema.js';
import { executeNamed, restorePlanCacheMode, switchToGenericPlans } from './prepared-statement.js';

/** The way the ingest path runs a prepared statement: switch to generic plans, run it named, put the mode back. */
async function runPrepared<R>(db: Kysely<Database>, statement: RawBuilder<R>) {
  const previous = await switchToGenericPlans(db);
  const result = await executeNamed(db, statement);
  await restorePlanCacheMode(db, previous);
  return result;
}

describeEachStore('prepared statements', (context) => {
  it('binds every value as the statement itself does, and puts plan_cache_mode back', async () => {
    await context.store.db.transaction().execute(async (transaction) => {
      const awkward = "O'Brien \\ \"quoted\" '); drop table customer; --";
      const statement = sql<Record<string, unknown>>`select ${42}::int as n, ${-0.125}::float8 as x, ${new Date('2026-06-30T17:00:00.123Z')}::timestamptz as at,
        ${awkward}::text as label, ${null}::text as nothing, ${[1, 2, 3]}::bigint[] as ids, ${['at_risk', null, 'a "b" \\c']}::text[] as types`;
      const direct = await statement.execute(transaction);
      const prepared = await runPrepared(transaction, statement);
      expect(prepared.rows).toEqual(direct.rows);
      expect(prepared.rows[0].label).toBe(awkward);
      const mode = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(transaction);
      expect(mode.rows[0].mode).toBe('auto');
    });
  });

  it('prepares a statement once per session and reuses it with other values', async () => {
    await context.store.db.connection().execute(async (connection) => {
      const listNamed = async () => (await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements where starts_with(name, ${namedStatementPrefix}::text)`.execute(connection)).rows;
      const statement = (a: number, b: string) => sql<{ total: number; label: string }>`select ${a}::int + 1 as total, ${b}::text as label`;
      const before = await listNamed();
      const first = await runPrepared(connection, statement(1, 'one'));
      const second = await runPrepared(connection, statement(41, "it's"));
      expect(first.rows).toEqual([{ total: 2, label: 'one' }]);
      expect(second.rows).toEqual([{ total: 42, label: "it's" }]);
      const added = (await listNamed()).filter((row) => !before.some((earlier) => earlier.name === row.name));
      // one statement, with placeholders and no values in its text, on both stores
      const text = `${namedStatementMarker} ${statement(0, '').compile(connection).sql}`;
      expect(added).toEqual([{ name: namedStatementName(text), statement: text }]);
      expect(added[0].statement).toContain('$1::int');
    });
  });
});
