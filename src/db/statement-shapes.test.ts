import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { compileShaped } from './statement-shapes.js';

describeEachStore('statements compiled once per shape', (context) => {
  it('reuses the text of a shape with the new ids in every place the ids are bound', async () => {
    const db = context.store.db;
    let builds = 0;
    const run = async (ids: number[], label: string) => {
      const compiled = compileShaped(db, `shape test ${context.kind} ${label}`, ids, () => {
        builds += 1;
        return sql<{ n: number; label: string; again: number[] }>`
          select cardinality(${ids}::int[]) as n, ${label}::text as label, array(select unnest(${ids}::int[]) order by 1) as again`;
      });
      return (await db.executeQuery(compiled)).rows[0];
    };
    expect(await run([3, 1, 2], 'a')).toEqual({ n: 3, label: 'a', again: [1, 2, 3] });
    expect(await run([7], 'a')).toEqual({ n: 1, label: 'a', again: [7] });
    expect(await run([], 'a')).toEqual({ n: 0, label: 'a', again: [] });
    expect(builds).toBe(1);
    // another shape (here another label) is built afresh and keeps its own values
    expect(await run([5, 4], 'b')).toEqual({ n: 2, label: 'b', again: [4, 5] });
    expect(builds).toBe(2);
    expect(await run([9], 'a')).toEqual({ n: 1, label: 'a', again: [9] });
    expect(builds).toBe(2);
  });

  it('does not keep a statement whose ids are not bound as given', async () => {
    const db = context.store.db;
    let builds = 0;
    const run = async (ids: number[]) => {
      // the ids are copied before they are bound, so no slot can be found by identity
      const compiled = compileShaped(db, `shape test copied ${context.kind}`, ids, () => { builds += 1; return sql<{ n: number }>`select cardinality(${[...ids]}::int[]) as n`; });
      return (await db.executeQuery(compiled)).rows[0].n;
    };
    expect(await run([1, 2])).toBe(2);
    expect(await run([1, 2, 3])).toBe(3);
    expect(builds).toBe(2);
  });
});
