import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { eventually } from '../../test/helpers/eventually.js';
import { cancellableConnection } from './cancellable-connection.js';
import type { Store } from './client.js';
import type { Database } from './schema.js';

const serverOnly = testStoreKinds().includes('server') ? describe : describe.skip;

/** What answers within `millis`, or 'no answer'. */
function within<T>(work: Promise<T>, millis: number): Promise<T | 'no answer'> {
  return Promise.race([work, new Promise<'no answer'>((resolve) => { setTimeout(() => resolve('no answer'), millis).unref(); })]);
}

const settled = (work: Promise<unknown>) => work.then(() => 'answered', (error: unknown) => error);

serverOnly('work on a cancellable connection (server store)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  // this file's statements, told apart from other test files' on the same server
  const marker = `cancellable_${randomBytes(4).toString('hex')}`;
  const held: pg.PoolClient[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('server'));
  }, 240_000);
  afterEach(() => {
    for (const client of held.splice(0)) client.release();
  });
  afterAll(async () => {
    await dispose?.();
  });

  /** A statement sleeping `seconds`, marked as this file's, answering its backend. */
  const sleep = (db: Kysely<Database>, seconds: number) =>
    sql<{ pid: number }>`select pg_backend_pid() as pid, ${sql.lit(marker)}::text as marker, pg_sleep(${seconds})`.execute(db);

  /** This file's sleeping statements running now, seen from a connection outside the pool. */
  const sleeping = async () => {
    const { connectionString, options } = store.pool!.options as pg.PoolConfig & { options?: string };
    const observer = new pg.Client({ connectionString, options });
    await observer.connect();
    try {
      const result = await observer.query<{ count: number }>(
        `select count(*)::int as count from pg_stat_activity where state = 'active' and query like $1 and pid <> pg_backend_pid()`, [`%'${marker}'::text%`]);
      return result.rows[0]!.count;
    } finally {
      await observer.end();
    }
  };

  it('stops the statement running when cancelled', async () => {
    const connection = cancellableConnection(store.db);
    const ran = settled(connection.run((db) => sleep(db, 30)));
    await eventually(async () => (await sleeping()) === 1, 10_000, 'the statement runs');
    connection.cancel(new Error('stopped by the test'));
    expect(await within(ran, 5_000)).toMatchObject({ code: '57014' });
    expect(await sleeping()).toBe(0);
  });

  it('refuses a statement the work starts after the cancel, between two of its statements', async () => {
    const connection = cancellableConnection(store.db);
    const reason = new Error('stopped between two statements');
    const ran = settled(connection.run(async (db) => {
      await sql`select 1`.execute(db);
      connection.cancel(reason);
      return sleep(db, 30);
    }));
    expect(await within(ran, 5_000)).toBe(reason);
  });

  it('stops a statement that started just after the cancel was checked against it, by sending the cancel again', async () => {
    const connection = cancellableConnection(store.db);
    const ran = settled(connection.run(async (db) => {
      // the cancel comes once the statement passed the refusal, before it reached the server:
      // the first cancel finds nothing running, only a later one reaches it
      const late = db.withPlugin({
        transformQuery: (args) => {
          connection.cancel(new Error('stopped as the statement started'));
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      return sleep(late, 30);
    }));
    expect(await within(ran, 5_000)).toMatchObject({ code: '57014' });
  });

  it('runs the work in a transaction with a statement timeout when asked', async () => {
    const connection = cancellableConnection(store.db, { transaction: { statementTimeoutMillis: 300 } });
    const ran = settled(connection.run(async (db) => {
      const inTransaction = await sql<{ level: string }>`select current_setting('statement_timeout') as level`.execute(db);
      expect(inTransaction.rows[0]!.level).toBe('300ms');
      return sleep(db, 30);
    }));
    expect(await within(ran, 5_000)).toMatchObject({ code: '57014' });
    // the timeout was the transaction's only
    const after = await sql<{ level: string }>`select current_setting('statement_timeout') as level`.execute(store.db);
    expect(after.rows[0]!.level).toBe('0');
  });

  it('never cancels the next user of the connection, once the work gave it back', async () => {
    const connection = cancellableConnection(store.db);
    const { pid } = (await connection.run((db) => sleep(db, 0))).rows[0]!;
    // the pool lends the connection it got back last: the same backend
    const next = sleep(store.db, 1);
    await eventually(async () => (await sleeping()) === 1, 10_000, 'the next user\'s statement runs');
    connection.cancel(new Error('too late'));
    const answer = await within(settled(next), 5_000);
    expect(answer).toBe('answered');
    expect((await next).rows[0]!.pid).toBe(pid);
  });

  it('cancels even when every connection of the pool is busy', async () => {
    const connection = cancellableConnection(store.db);
    const ran = settled(connection.run((db) => sleep(db, 30)));
    await eventually(async () => (await sleeping()) === 1, 10_000, 'the statement runs');
    // the pool's other connections lent out, as to requests and reports at a server's shutdown
    const { max } = store.pool!.options;
    for (let lent = store.pool!.totalCount - store.pool!.idleCount; lent < (max ?? 10); lent += 1) held.push(await store.pool!.connect());
    expect(store.pool!.totalCount - store.pool!.idleCount).toBe(max);
    connection.cancel(new Error('stopped with the pool full'));
    expect(await within(ran, 5_000)).toMatchObject({ code: '57014' });
  });
});
