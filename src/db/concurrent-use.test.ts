import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { servesConcurrentQueries } from './client.js';

// The embedded store is one PGlite session behind a pool of one client: concurrent callers
// (a server's requests) must queue for it, each transaction whole, never interleaved.
describeEachStore('concurrent use of a store', (context) => {
  it('runs concurrent transactions and queries each whole, and sees every commit', async () => {
    const db = context.store.db;
    await sql`create table if not exists concurrency_probe (writer int, step int)`.execute(db);
    const writer = (id: number) => db.transaction().execute(async (transaction) => {
      for (let step = 0; step < 5; step += 1) {
        await sql`insert into concurrency_probe (writer, step) values (${id}::int, ${step}::int)`.execute(transaction);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // inside a transaction, only this writer's rows and earlier commits are visible, all five of its own
      return (await sql<{ n: number }>`select count(*)::int as n from concurrency_probe where writer = ${id}::int`.execute(transaction)).rows[0].n;
    });
    const failing = db.transaction().execute(async (transaction) => {
      await sql`insert into concurrency_probe (writer, step) values (99, 0)`.execute(transaction);
      throw new Error('rolled back on purpose');
    });
    const readers = Array.from({ length: 5 }, () => sql<{ n: number }>`select count(*)::int as n from concurrency_probe`.execute(db));
    const [a, b, c, failed, ...read] = await Promise.allSettled([writer(1), writer(2), writer(3), failing, ...readers]);
    expect([a, b, c].map((result) => result.status === 'fulfilled' && result.value)).toEqual([5, 5, 5]);
    expect(failed.status).toBe('rejected');
    expect(read.every((result) => result.status === 'fulfilled')).toBe(true);
    const stored = await sql<{ writer: number; steps: number[] }>`
      select writer, array_agg(step order by step) as steps from concurrency_probe group by writer order by writer`.execute(db);
    expect(stored.rows).toEqual([1, 2, 3].map((writer) => ({ writer, steps: [0, 1, 2, 3, 4] })));
    await sql`drop table concurrency_probe`.execute(db);
  });

  it('tells whether work may run on another connection while a transaction holds one', async () => {
    const db = context.store.db;
    expect(servesConcurrentQueries(db)).toBe(context.kind === 'server');
    await db.transaction().execute(async (transaction) => { expect(servesConcurrentQueries(transaction)).toBe(false); });
  });
});
