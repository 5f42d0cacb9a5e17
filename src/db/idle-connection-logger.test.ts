import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './client.js';
import { createScratchSchema } from './scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// Only a server can cut a connection from outside; the embedded store has no connection to lose.
describe.skipIf(!serverUrl)('a server connection lost while idle, with a logger given', () => {
  const logged: Array<{ details: object; message: string }> = [];
  let scratch: Awaited<ReturnType<typeof createScratchSchema>>;
  let store: Store;
  beforeAll(async () => {
    scratch = await createScratchSchema(serverUrl!, 'test_idle_log');
    store = await openStore(scratch.url, { logger: { warn: (details, message) => logged.push({ details, message }) } });
  });
  afterAll(async () => {
    await store.close();
    await scratch.drop();
  });

  it('is reported to the logger, not as a process warning on stderr', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0].pid;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await expect.poll(() => logged.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(logged[0]!.message).toMatch(/^Database connection lost while idle/);
      expect(logged[0]!.details).toMatchObject({ err: expect.any(Error) });
      expect(warnings.filter((message) => message.includes('Database connection lost'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
