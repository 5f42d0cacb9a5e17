import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchSchema } from '../../db/scratch-schema.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { startServer } from '../../server/start-server.js';
import { withUnfinishedDemoLoad } from './serve-run.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const bin = fileURLToPath(new URL('../../../bin/clientele.js', import.meta.url));
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/**
 * Runs `demo load synthetic` into `db` and kills it (SIGKILL) once it is importing the orders. A small
 * demo: its orders, lines, events and analysis still take seconds after that, so the kill is mid-load.
 */
async function interruptedDemoLoad(db: string): Promise<void> {
  const child = spawn(process.execPath, [bin, '--db', db, 'demo', 'load', 'synthetic', '--customers', '300'], { stdio: 'ignore' });
  const ended = new Promise((resolve) => child.once('exit', resolve));
  const runtime = await openRuntime({ db });
  try {
    const until = Date.now() + 120_000;
    for (;;) {
      const orders = await runtime.db.selectFrom('import_run').select('import_id').where('entity', '=', 'orders').executeTakeFirst();
      if (orders) break;
      if (Date.now() > until || child.exitCode !== null) throw new Error('the demo load never reached its orders');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    await ended;
  } finally {
    await runtime.store.close();
  }
}

// `npm start` on a server store after a demo load was killed said "The store holds no data yet",
// of a store holding thousands of the demo's customers, and offered nothing to finish it.
(serverUrl ? describe : describe.skip)('serve after an interrupted demo load (server store)', () => {
  it('says the demo load was interrupted and how to finish it', async () => {
    const scratch = await createScratchSchema(serverUrl!, 'serve_unfinished');
    drops.push(scratch.drop);
    const migrated = await openRuntime({ db: scratch.url, autoMigrate: true });
    await migrated.store.close();
    await interruptedDemoLoad(scratch.url);

    const server = await startServer({ db: scratch.url, port: 0, host: '127.0.0.1', logLevel: 'warn' });
    await server.close();
    const facts = withUnfinishedDemoLoad(server.facts);
    expect(facts.store.data).toEqual({ kind: 'synthetic' });
    expect(facts.loadData.join(' ')).not.toContain('holds no data');
    expect(facts.loadData[0]).toContain('load into this store was interrupted: it holds part of the demo');
    expect(facts.loadData[1]).toContain('`clientele demo load synthetic` (it continues where it stopped)');
  }, 240_000);
});
