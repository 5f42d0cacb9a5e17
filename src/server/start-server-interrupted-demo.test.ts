import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../runtime/open-runtime.js';
import { startServer, startUpBanner, type StartUpFacts } from './start-server.js';

const bin = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'clientele-interrupted-demo-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * A small demo (`serve --demo-customers`), the same on every start (a start finishing a load is given
 * the size it began with): what is tested is the finishing start, not the load.
 */
const demoCustomers = 300;

/** The store's demo marks, customers (those of the customers file: not stubs) and staff: what a killed first start left. */
async function storeState(db: string) {
  const runtime = await openRuntime({ db });
  try {
    const customers = await runtime.db.selectFrom('customer').where('is_stub', '=', false).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const staff = await runtime.db.selectFrom('staff_user').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { isSynthetic: runtime.settings.isSynthetic, demoDataset: runtime.settings.demoDataset, customers: Number(customers.n), staff: Number(staff.n) };
  } finally {
    await runtime.store.close();
  }
}

/**
 * Runs `clientele --db <store> serve` on a new embedded store, as a first `npm start` does, and
 * kills it (SIGKILL) `millis` after it said it loads the demo: the store is locked by it meanwhile,
 * so nothing else can watch the load. Whether the kill came mid-load is checked by the caller.
 */
async function killedFirstStart(store: string, millis: number): Promise<void> {
  const child = spawn(process.execPath, [bin, '--db', store, 'serve', '--port', '5731', '--host', '127.0.0.1', '--demo-customers', String(demoCustomers)], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' },
  });
  const ended = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => { output += String(chunk); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the first start never began the demo load: ${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('loading the synthetic demo store')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`the first start ended before it was killed: ${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, millis));
  child.kill('SIGKILL');
  await ended;
}

function logLines(): { destination: DestinationStream; messages: string[] } {
  const messages: string[] = [];
  return { messages, destination: { write: (line: string) => { messages.push(String((JSON.parse(line) as { msg: unknown }).msg)); } } };
}

/** The banner with what differs between any two stores (URL, folder, password) taken out. */
function comparable(facts: StartUpFacts): string {
  return startUpBanner(facts).replaceAll(facts.url, '<url>').replaceAll(facts.store.location, '<store>').replaceAll(facts.signIn.oneTimePassword ?? '<none>', '<password>');
}

// A first `npm start` killed while it loaded the demo: the next start finished the load but logged
// "Nobody has used the store: loading…", and, as the killed start had created the owner, printed
// no one-time password ("Sign in with your staff account"), so nobody could sign in.
describe('a start after the first start was killed while it loaded the demo (embedded store)', () => {
  it('says it finishes the interrupted load, and ends with the start-up text of a clean load', async () => {
    // the clean first start to compare with, in this process while the killed one runs in its own
    // (this one waits meanwhile): two whole loads no longer one after the other
    const cleanStart = startServer({ db: join(directory, 'clean'), port: 0, host: '127.0.0.1', demoCustomers, logLevel: 'warn' });
    cleanStart.catch(() => undefined);
    try {
      let store = '';
      // (a load of this size takes about 4 s alone, 20 s on a busy machine; its customers are in about
      // a second after it began) another try, later where a kill came before the load's first rows
      // were in, sooner where it came after its end
      const tries: string[] = [];
      let millis = 1_500;
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        store = join(directory, `killed-${attempt}`);
        await killedFirstStart(store, millis);
        const state = await storeState(store);
        tries.push(`${millis} ms: ${JSON.stringify(state)}`);
        if (state.isSynthetic && state.demoDataset === null && state.customers > 0) break;
        millis = state.demoDataset === null ? millis * 1.6 : millis * 0.6;
      }
      const killed = await storeState(store);
      expect(killed, tries.join('\n')).toMatchObject({ isSynthetic: true, demoDataset: null, staff: 0 });
      expect(killed.customers).toBeGreaterThan(0);

      const logs = logLines();
      const finished = await startServer({ db: store, port: 0, host: '127.0.0.1', demoCustomers, logLevel: 'info', logDestination: logs.destination });
      await finished.close();
      expect(logs.messages).toContain('The synthetic demo\'s load into this store was interrupted: finishing it (Roti & Kopi Nusantara)…');
      expect(logs.messages.join('\n')).not.toContain('Nobody has used the store');
      expect(logs.messages).toContain('Demo store loaded (synthetic data)');
      expect(await storeState(store)).toMatchObject({ isSynthetic: true, demoDataset: 'synthetic', customers: demoCustomers, staff: 1 });

      const clean = await cleanStart;
      expect(finished.facts).toMatchObject({ store: { data: { kind: 'synthetic' } }, loadData: [], interruptedLoad: null });
      expect(finished.facts.signIn.oneTimePassword).toEqual(expect.any(String));
      expect(finished.facts.setup).toEqual(clean.facts.setup);
      expect(comparable(finished.facts)).toBe(comparable(clean.facts));
    } finally {
      await cleanStart.then((clean) => clean.close(), () => undefined);
    }
  }, 400_000);
});
