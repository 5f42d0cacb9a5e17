import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { writeStoreFiles } from '../../src/synthetic/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { testStoreKinds } from '../helpers/stores.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-kill-'));
let ordersFile = '';
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];

beforeAll(async () => {
  await writeStoreFiles(workDir, { seed: 7, customers: 1500, targetOrders: 12_000, endDate: new Date('2026-11-01T00:00:00Z'), years: 2, includeTruth: false });
  ordersFile = join(workDir, 'orders.csv');
}, 120_000);

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  for (const scratch of scratches) await scratch.drop();
});

async function newTarget(kind: string): Promise<string> {
  if (kind === 'embedded') return mkdtempSync(join(workDir, 'store-'));
  const scratch = await createScratchSchema(serverUrl!, 'kill');
  scratches.push(scratch);
  await runCli(['--db', scratch.url, 'migrate']);
  return scratch.url;
}

/** The store's content keyed by what is stable across runs (external ids), not by generated keys. */
async function snapshot(target: string) {
  const store = await openStore(target);
  try {
    const orders = await sql`
      select o.external_id, (select min(value) from customer_identity i where i.customer_id = o.customer_id and i.kind = 'external') as customer,
        o.amount_minor, o.status, o.ordered_at from customer_order o order by o.external_id`.execute(store.db);
    const traits = await sql`
      select (select min(value) from customer_identity i where i.customer_id = t.customer_id) as customer, t.order_count, t.revenue_minor,
        t.purchase_days, t.first_purchase_at, t.last_purchase_at, t.refunded_minor from customer_trait t order by 1`.execute(store.db);
    const counts = await sql`select (select count(*) from customer) as customers, (select count(*) from customer_identity) as identities`.execute(store.db);
    return { orders: orders.rows, traits: traits.rows, counts: counts.rows[0] };
  } finally {
    await store.close();
  }
}

describe('an import killed mid-way and run again', { timeout: 300_000 }, () => {
  for (const kind of testStoreKinds()) {
    it(`ends exactly as one clean run [${kind}]`, async () => {
      const killed = await newTarget(kind);
      const args = (target: string) => ['--db', target, 'import', 'orders', ordersFile, '--batch-size', '500', '--rejects', join(workDir, 'rejects.csv')];
      let sawProgress = false;
      const first = await startCli(args(killed), (text, child) => {
        if (!sawProgress && text.includes('progress:')) {
          sawProgress = true;
          child.kill('SIGKILL');
        }
      });
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const partial = await snapshot(killed);
      expect(partial.orders.length).toBeGreaterThan(0);
      expect(partial.orders.length).toBeLessThan(12_000);

      const resumed = await runCli(args(killed));
      expect(resumed.code, resumed.stderr).toBe(0);
      const clean = await newTarget(kind);
      expect((await runCli(args(clean))).code).toBe(0);
      expect(await snapshot(killed)).toEqual(await snapshot(clean));
    });
  }
});
