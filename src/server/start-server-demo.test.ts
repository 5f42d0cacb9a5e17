import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchSchema } from '../db/scratch-schema.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { changeStoreSettings } from '../settings/change-settings.service.js';
import { startServer, startUpBanner } from './start-server.js';

// `DATABASE_URL=… npm start` on a production database that only had its name set loaded 3,296 fake
// customers into it and renamed it "Roti & Kopi Nusantara"; the demo is now the first embedded start's only.
const serverUrl = process.env.TEST_DATABASE_URL;
const directory = mkdtempSync(join(tmpdir(), 'clientele-serve-demo-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

/** A small demo (`serve --demo-customers`): what is tested is whether and where it loads, not its size. */
const demoCustomers = 200;
const start = (db: string, demo?: boolean) => startServer({ db, port: 0, host: '127.0.0.1', demo, demoCustomers, logLevel: 'warn' });

/**
 * What the store holds after the server stopped: its customers, name, and staff. `people`: the
 * customers file's (not stubs its orders' gift recipients made), as many as the demo was asked for.
 */
async function storeState(db: string): Promise<{ customers: number; people: number; name: string; isSynthetic: boolean; staff: number }> {
  const runtime = await openRuntime({ db });
  try {
    const customers = await runtime.db.selectFrom('customer').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    const people = await runtime.db.selectFrom('customer').where('is_stub', '=', false).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    const staff = await runtime.db.selectFrom('staff_user').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    return { customers: Number(customers.count), people: Number(people.count), name: runtime.settings.name, isSynthetic: runtime.settings.isSynthetic, staff: Number(staff.count) };
  } finally {
    await runtime.store.close();
  }
}

/** A store someone has used: only its name set, as `clientele settings set --name "Kopi Senja"` does. */
async function nameStore(db: string): Promise<void> {
  const runtime = await openRuntime({ db, autoMigrate: true });
  try {
    await changeStoreSettings(runtime.db, { name: 'Kopi Senja' }, 'cli:test');
  } finally {
    await runtime.store.close();
  }
}

async function newServerStore(): Promise<string> {
  const scratch = await createScratchSchema(serverUrl!, 'serve_demo');
  drops.push(scratch.drop);
  return scratch.url;
}

describe('the demo at the first embedded start', () => {
  it('loads into a new embedded store, prints the URL and sign-in; `--demo` on a later start has nothing to do', async () => {
    const store = join(directory, 'fresh');
    const server = await start(store);
    await server.close();
    expect(server.facts.store.data).toEqual({ kind: 'synthetic' });
    expect(server.facts.signIn.oneTimePassword).toEqual(expect.any(String));
    expect(server.facts.loadData).toEqual([]);
    const banner = startUpBanner(server.facts);
    expect(banner).toContain(`Clientele is running at ${server.facts.url}`);
    expect(banner).toContain(server.facts.signIn.oneTimePassword);
    const loaded = await storeState(store);
    expect(loaded.people).toBe(demoCustomers);

    const again = await start(store, true);
    await again.close();
    expect((await storeState(store)).customers).toBe(loaded.customers);
  }, 240_000);

  it('leaves an embedded store alone that someone used (its name set, no customers), and `--demo` there is refused', async () => {
    const store = join(directory, 'named');
    await nameStore(store);
    const server = await start(store);
    await server.close();
    expect(server.facts.store.data).toEqual({ kind: 'own' });
    expect(await storeState(store)).toMatchObject({ customers: 0, name: 'Kopi Senja', isSynthetic: false });
    await expect(start(store, true)).rejects.toMatchObject({ code: 'DEMO_STORE_USED_CONFLICT', message: expect.stringContaining('it is named "Kopi Senja"') });
  }, 120_000);

  it('says how to load data when an unused embedded store starts with --no-demo', async () => {
    const server = await start(join(directory, 'no-demo'), false);
    await server.close();
    expect(server.facts.store.data).toEqual({ kind: 'own' });
    expect(startUpBanner(server.facts)).toContain('demo load synthetic');
  }, 120_000);
});

describe.skipIf(!serverUrl)('the demo on a PostgreSQL server store', () => {
  it('is never loaded unasked, even into an empty database; the banner says how to load data', async () => {
    const url = await newServerStore();
    const server = await start(url);
    await server.close();
    expect(server.facts.store).toMatchObject({ kind: 'server', data: { kind: 'own' } });
    const banner = startUpBanner(server.facts);
    expect(banner).toContain('clientele import customers');
    expect(banner).toContain('clientele demo load synthetic');
    expect((await storeState(url)).customers).toBe(0);
  }, 120_000);

  it('loads with --demo into an empty database', async () => {
    const url = await newServerStore();
    const server = await start(url, true);
    await server.close();
    expect(server.facts.store.data).toEqual({ kind: 'synthetic' });
    expect(server.facts.loadData).toEqual([]);
    expect((await storeState(url)).people).toBe(demoCustomers);
  }, 240_000);

  it('refuses --demo into a used database, saying why and what to do, before it creates the owner', async () => {
    const url = await newServerStore();
    await nameStore(url);
    const refused = start(url, true);
    await expect(refused).rejects.toMatchObject({ code: 'DEMO_STORE_USED_CONFLICT', details: { field: '--demo' } });
    await expect(refused).rejects.toThrow(/it is named "Kopi Senja".*Start without --demo.*serve --demo/);
    expect(await storeState(url)).toEqual({ customers: 0, people: 0, name: 'Kopi Senja', isSynthetic: false, staff: 0 });
  }, 120_000);
});
