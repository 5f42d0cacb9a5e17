import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// A lines file re-imported whose order's first rows, all as stored, fall in one batch and a changed
// or new line of the same order in a later batch: the first batch counted the order unchanged and
// the later one left it so (an earlier batch had counted it), so the run said nothing changed. The
// later batch now moves the order to updated, once (write/write-lines.ts, settleOrderFates).
const files = scratchFiles('lines-counted-across-batches');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

/** One row per line, in file order: [order, sku, quantity]. */
const linesFile = (name: string, rows: Array<[string, string, number]>) =>
  files.file(name, ['order_id,sku,quantity,unit_price,category', ...rows.map(([order, sku, quantity]) => `${order},${sku},${quantity},10,Cat-${sku}`)].join('\n'));

describeEachStore('a lines file whose order changes in a later batch than its first, unchanged, rows', (context) => {
  const db = () => context.store.db;
  const summaryOf = async (file: string, batchSize: number) => {
    const { read, inserted, updated, unchanged, rejected, orders } = await importFile(db(), { ...importDefaults, entity: 'lines', file, source: 'spread', batchSize });
    return { read, inserted, updated, unchanged, rejected, orders };
  };
  const lastRun = async () => (await db().selectFrom('import_run')
    .select(['read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'order_updated_count', 'order_unchanged_count'])
    .orderBy('import_id', 'desc').limit(1).executeTakeFirstOrThrow());
  const storedLines = async (order: string) => (await sql<{ sku: string; quantity: string }>`
    select l.sku, l.quantity::int::text as quantity from order_line l join customer_order o using (customer_id, order_id)
    where o.source = 'spread' and o.external_id = ${order} order by l.line_no`.execute(db())).rows.map((line) => `${line.sku}${line.quantity}`);
  const storeOrders = async (baskets: Record<string, string>) => {
    const orders = Object.keys(baskets).map((order, index) => `${order},K-${order},2024-05-0${index + 1},100`);
    const ordersFile = files.file(`orders-${Object.keys(baskets)[0]}.csv`, ['order_id,customer_id,ordered_at,amount', ...orders].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: ordersFile, source: 'spread' })).toMatchObject({ rejected: 0 });
    const lines = Object.entries(baskets).flatMap(([order, skus]) => [...skus].map((sku): [string, string, number] => [order, sku, 1]));
    expect(await summaryOf(linesFile(`lines-${Object.keys(baskets)[0]}.csv`, lines), 10_000)).toMatchObject({ inserted: lines.length, rejected: 0 });
  };

  it('counts an order updated when a later batch changes a line of it, its other orders unchanged; nothing changed, all unchanged', async () => {
    await storeOrders({ SC1: 'ABC', SC2: 'AB', SC3: 'A' });
    // batches of two: SC1's A, then its B, then its C (changed) each in another batch
    const same: Array<[string, string, number]> = [['SC1', 'A', 1], ['SC2', 'A', 1], ['SC3', 'A', 1], ['SC1', 'B', 1], ['SC2', 'B', 1], ['SC1', 'C', 1]];
    for (let time = 1; time <= 2; time += 1) {
      expect(await summaryOf(linesFile('same.csv', same), 2)).toEqual({ read: 6, inserted: 0, updated: 0, unchanged: 6, rejected: 0, orders: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
    }
    const changed = same.map(([order, sku, quantity]): [string, string, number] => (order === 'SC1' && sku === 'C' ? [order, sku, 3] : [order, sku, quantity]));
    expect(await summaryOf(linesFile('changed.csv', changed), 2)).toEqual({ read: 6, inserted: 0, updated: 1, unchanged: 5, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 } });
    expect(await lastRun()).toEqual({ read_count: 6, inserted_count: 0, updated_count: 1, unchanged_count: 5, order_updated_count: 1, order_unchanged_count: 2 });
    expect(await storedLines('SC1')).toEqual(['A1', 'B1', 'C3']);
    expect((await sql<{ n: number }>`select count(*)::int as n from import_deferred_order`.execute(db())).rows[0].n).toBe(0);
  });

  it('counts an order updated when a later batch adds a line to the lines its first batch restated whole', async () => {
    await storeOrders({ SN1: 'AB', SN2: 'A' });
    // SN1's first batch restates both its stored lines: nothing of it waits for the end
    const summary = await summaryOf(linesFile('new-line.csv', [['SN1', 'A', 1], ['SN1', 'B', 1], ['SN2', 'A', 1], ['SN1', 'D', 1]]), 2);
    expect(summary).toEqual({ read: 4, inserted: 1, updated: 0, unchanged: 3, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 1, rejected: 0 } });
    expect(await lastRun()).toMatchObject({ order_updated_count: 1, order_unchanged_count: 1 });
    expect(await storedLines('SN1')).toEqual(['A1', 'B1', 'D1']);
  });

  it('moves an order once: not again for a third batch, nor when its dropped line goes at the end, nor one its first batch counted updated', async () => {
    await storeOrders({ SO1: 'ABC', SO2: 'ABC', SO3: 'ABC' });
    // batches of one. SO1: A as stored, B changed, C changed. SO2: A as stored, B changed, C dropped. SO3: A changed, B changed, C as stored.
    const rows: Array<[string, string, number]> = [
      ['SO1', 'A', 1], ['SO2', 'A', 1], ['SO3', 'A', 2], ['SO1', 'B', 2], ['SO2', 'B', 2], ['SO3', 'B', 2], ['SO1', 'C', 2], ['SO3', 'C', 1],
    ];
    expect(await summaryOf(linesFile('once.csv', rows), 1)).toEqual({ read: 8, inserted: 0, updated: 5, unchanged: 3, rejected: 0, orders: { inserted: 0, updated: 3, unchanged: 0, rejected: 0 } });
    expect(await lastRun()).toEqual({ read_count: 8, inserted_count: 0, updated_count: 5, unchanged_count: 3, order_updated_count: 3, order_unchanged_count: 0 });
    expect([await storedLines('SO1'), await storedLines('SO2'), await storedLines('SO3')]).toEqual([['A1', 'B2', 'C2'], ['A1', 'B2'], ['A2', 'B2', 'C1']]);
  });
});
