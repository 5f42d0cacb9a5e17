import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { namedStatement } from '../db/prepared-statement.js';
import { compileShaped } from '../db/statement-shapes.js';
import { classifyCustomersIncremental } from './types.service.js';

describeEachStore('the ingest statement binds a value used again once', (context) => {
  it('merges repeated values by cast, the ids by identity, and reads every use as before', async () => {
    const db = context.store.db;
    const at = new Date('2026-07-01T05:00:00Z');
    const run = async (ids: number[]) => {
      const compiled = compileShaped(db, `parameter merge test ${context.kind}`, ids, () => namedStatement(sql<Record<string, unknown>>`
        select cardinality(${ids}::bigint[]) as n, (select max(id) from unnest(${ids}::bigint[]) as batch(id))::int as top,
          ${'2026-07-01'}::date - ${'2026-06-01'}::date as days, ${'2026-07-01'}::date - ${'2026-07-01'}::date as none,
          ${7}::int + ${7}::int as fourteen, ${7}::text || '/' || ${7.5}::float8 as mixed, ${at}::timestamptz = ${at}::timestamptz as same,
          ${[4, 2]}::bigint[] = ${[4, 2]}::bigint[] as equal_lists, ${'x'} = ${'x'} as uncast`));
      return { parameters: compiled.parameters.length, row: (await db.executeQuery(compiled)).rows[0] };
    };
    const row = { days: 30, none: 0, fourteen: 14, mixed: '7/7.5', same: true, equal_lists: true, uncast: true };
    // 16 values bound as 11: the ids, a day, 7 as an int and the instant once each; lists other than the ids and uncast values apart
    expect(await run([4, 2])).toEqual({ parameters: 11, row: { n: 2, top: 4, ...row } });
    expect(await run([9])).toEqual({ parameters: 11, row: { n: 1, top: 9, ...row } });
  });

  it('binds the batch ids of the types statement once', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    const [customerId] = typesFixture.customerIds;
    await classifyCustomersIncremental(db, [customerId], typesAsOf);
    const prepared = await sql<{ parameter_types: string[] }>`
      select parameter_types::text[] as parameter_types from pg_prepared_statements where statement like '%with classified as materialized%'`.execute(db);
    expect(prepared.rows.length).toBeGreaterThan(0);
    for (const { parameter_types: types } of prepared.rows) expect(types.filter((type) => type === 'bigint[]')).toHaveLength(1);
  });
});
