import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestStore } from '../../test/helpers/stores.js';
import type { Store } from './client.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// Only a server can cut a connection from outside; the embedded store has no connection to lose.
describe.skipIf(!serverUrl)('a server connection lost', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => { ({ store, dispose } = await createTestStore('server')); });
  afterAll(async () => { await dispose(); });

  it('while idle: is reported as a warning, and the next query reconnects', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const before = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0].pid;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [before]);
      await admin.end();
      await expect.poll(() => warnings.some((message) => message.startsWith('Database connection lost while idle')), { timeout: 5000 }).toBe(true);
      const after = (await sql<{ pid: number; one: number }>`select pg_backend_pid() as pid, 1 as one`.execute(store.db)).rows[0];
      expect(after.one).toBe(1);
      expect(after.pid).not.toBe(before);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('in a transaction: fails that transaction, and the next one runs on a new connection', async () => {
    let lost: number | null = null;
    const failed = store.db.transaction().execute(async (transaction) => {
      lost = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(transaction)).rows[0].pid;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [lost]);
      await admin.end();
      await sql`select pg_sleep(0.05)`.execute(transaction);
    });
    await expect(failed).rejects.toThrow();
    const after = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0].pid;
    expect(after).not.toBe(lost);
  });
});
