// A lines import killed mid-way (SIGKILL: nothing of the process runs): the batch holding an
// order's first rows removed the order's other stored lines at once, for a later batch to restate,
// so a lines file whose orders' rows lie apart left thousands of orders without lines when killed
// between the two. The removal now waits for the import's completion (src/ingest/write/stale-lines.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { migrate } from '../../src/db/migrate.js';
import { importFile } from '../../src/ingest/import-file.service.js';
import { listImportRuns } from '../../src/ingest/import-runs.repo.js';
import { importDefaults } from '../helpers/import-files.js';
import { runCli, startCli } from '../helpers/cli.js';
import { testStoreKinds } from '../helpers/stores.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-lines-kill-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  for (const scratch of scratches) await scratch.drop();
});

const orderCount = 240;
const linesPerOrder = 4;
const orderId = (order: number) => `LK${String(order).padStart(4, '0')}`;
/** Every third order loses its last line in the second file. */
const isDropped = (order: number, line: number) => order % 3 === 0 && line === linesPerOrder;
const lineRow = (order: number, line: number) => `${orderId(order)},SKU-${line},${line},${order % 50}.25,Category ${line}`;

function write(name: string, rows: string[]): string {
  const path = join(workDir, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

const orders = Array.from({ length: orderCount }, (_, index) => index + 1);
const ordersFile = write('orders.csv', ['order_id,customer_id,ordered_at,amount', ...orders.map((order) => `${orderId(order)},K${order % 90},2025-0${1 + (order % 9)}-1${order % 10}T10:00:00Z,${order}`)]);
const linesHeader = 'order_id,sku,quantity,unit_price,category';
// each order's lines together, as first stored
const togetherFile = write('together.csv', [linesHeader, ...orders.flatMap((order) => Array.from({ length: linesPerOrder }, (_, index) => lineRow(order, index + 1)))]);
// the first line of every order, then the second of every order, and so on: an order's rows lie far apart
const apartFile = write('apart-dropped.csv', [linesHeader, ...Array.from({ length: linesPerOrder }, (_, index) => index + 1)
  .flatMap((line) => orders.filter((order) => !isDropped(order, line)).map((order) => lineRow(order, line)))]);
const droppedOrders = orders.filter((order) => isDropped(order, linesPerOrder)).length;

/** A store holding the orders and their lines, each order's lines together (in this process: a CLI's start costs seconds). */
async function storeWithLines(kind: string): Promise<string> {
  let target = mkdtempSync(join(workDir, 'store-'));
  if (kind === 'server') {
    const scratch = await createScratchSchema(serverUrl!, 'lineskill');
    scratches.push(scratch);
    target = scratch.url;
  }
  const store = await openStore(target);
  try {
    await migrate(store);
    expect(await importFile(store.db, { ...importDefaults, entity: 'orders', file: ordersFile })).toMatchObject({ inserted: orderCount, rejected: 0 });
    expect(await importFile(store.db, { ...importDefaults, entity: 'lines', file: togetherFile })).toMatchObject({ inserted: orderCount * linesPerOrder, rejected: 0 });
  } finally {
    await store.close();
  }
  return target;
}

type StoredLine = { external_id: string; line_no: number; sku: string; quantity: string; unit_price_minor: string; category: string };

/** Every stored line by its order's external id, and the import runs' statuses as listed. */
async function snapshot(target: string) {
  const store = await openStore(target);
  try {
    const lines = await sql<StoredLine>`
      select o.external_id, l.line_no, l.sku, l.quantity::text as quantity, l.unit_price_minor::text as unit_price_minor, l.category
      from order_line l join customer_order o using (customer_id, order_id) order by 1, 2`.execute(store.db);
    const listed = (await listImportRuns(store.db)).map((run) => `${run.entity}:${run.status}`).reverse();
    return { lines: lines.rows, listed };
  } finally {
    await store.close();
  }
}

// batches of 10: the apart file's first round (every order's first line) alone is 24 batches
const importLines = (target: string, file: string, extra: string[] = []) => ['--db', target, ...extra, 'import', 'lines', file, '--batch-size', '10', '--rejects', join(workDir, 'rejects.csv')];

describe('a lines import killed mid-way and run again', { timeout: 300_000 }, () => {
  for (const kind of testStoreKinds()) {
    it(`leaves every stored line in place, and the completed re-run removes exactly the lines the file dropped [${kind}]`, async () => {
      const target = await storeWithLines(kind);
      const before = await snapshot(target);
      expect(before.lines).toHaveLength(orderCount * linesPerOrder);

      let sawProgress = false;
      const killed = await startCli(importLines(target, apartFile), (text, child) => {
        if (!sawProgress && text.includes('progress:')) {
          sawProgress = true;
          child.kill('SIGKILL');
        }
      });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      const partial = await snapshot(target);
      expect(partial.listed).toEqual(['orders:completed', 'lines:completed', 'lines:interrupted']);
      expect(partial.lines).toEqual(before.lines);

      const resumed = await runCli(importLines(target, apartFile, ['--json']));
      expect(resumed.code, resumed.stderr).toBe(0);
      const rows = orderCount * linesPerOrder - droppedOrders;
      // each order that lost its last line is updated, with its first row; every other row and order is as stored
      expect(JSON.parse(resumed.stdout)).toMatchObject({
        read: rows, inserted: 0, updated: droppedOrders, unchanged: rows - droppedOrders, rejected: 0,
        orders: { inserted: 0, updated: droppedOrders, unchanged: orderCount - droppedOrders, rejected: 0 },
      });
      const after = await snapshot(target);
      expect(after.lines).toEqual(before.lines.filter((line) => !(line.line_no === linesPerOrder && Number(line.external_id.slice(2)) % 3 === 0)));
      expect(after.lines).toHaveLength(rows);
    });
  }
});
