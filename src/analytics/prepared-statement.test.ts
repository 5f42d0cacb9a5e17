import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { executePrepared, preparedStatementPrefix } from './prepared-statement.js';
import { sqlLiteral } from './sql-literal.js';

describeEachStore('prepared statements', (context) => {
  it('reads every literal back as the bound parameter it stands for', async () => {
    const values: Array<[unknown, string]> = [
      [42, 'int'], [-0.125, 'float8'], [1e-7, 'float8'], ['2026-06-30', 'date'], [new Date('2026-06-30T17:00:00.123Z'), 'timestamptz'],
      [true, 'boolean'], [null, 'text'], ["O'Brien \\ \"quoted\" Rp\u00a0", 'text'], [[1, 2, 3], 'bigint[]'], [['at_risk', null, 'a "b" \\c'], 'text[]'],
    ];
    for (const [value, type] of values) {
      const bound = await sql<{ value: unknown }>`select ${value}::${sql.raw(type)} as value`.execute(context.store.db);
      const written = await sql<{ value: unknown }>`select ${sql.raw(sqlLiteral(value))}::${sql.raw(type)} as value`.execute(context.store.db);
      expect(written.rows[0].value, `${String(value)} as ${type}`).toEqual(bound.rows[0].value);
    }
  });

  it('answers like the statement itself, prepares once per session and puts plan_cache_mode back', async () => {
    const db = context.store.db;
    await db.transaction().execute(async (transaction) => {
      const statement = sql<{ total: number; label: string }>`select ${20}::int + ${22}::int as total, ${"it's"}::text as label`;
      const direct = await statement.execute(transaction);
      const listPrepared = async () => (await sql<{ name: string }>`
        select name from pg_prepared_statements where starts_with(name, ${preparedStatementPrefix}::text)`.execute(transaction)).rows.map((row) => row.name);
      const before = await listPrepared();
      const first = await executePrepared(transaction, statement, before);
      const prepared = await listPrepared();
      expect(first.rows).toEqual(direct.rows);
      expect(prepared.length).toBe(before.length + 1);
      const second = await executePrepared(transaction, statement, prepared);
      expect(second.rows).toEqual(direct.rows);
      expect(await listPrepared()).toEqual(prepared);
      const mode = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(transaction);
      expect(mode.rows[0].mode).toBe('auto');
    });
  });
});
