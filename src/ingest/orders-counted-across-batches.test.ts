import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// An orders file of one row per line, re-imported sorted by product: an order whose first rows, as
// stored, fall in one batch and a changed or new line in a later batch was counted unchanged by the
// first and left so by the later one (an earlier batch had counted it). The later batch now moves
// it to updated, once (write/write-orders.ts, settleOrderFates in write/order-counts.ts).
const files = scratchFiles('orders-counted-across-batches');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

/** One row per line, in file order: [order, sku, quantity]. */
const ordersFile = (name: string, rows: Array<[string, string, number]>) => files.file(name, ['order_id,customer_id,ordered_at,sku,quantity,unit_price',
  ...rows.map(([order, sku, quantity]) => `${order},K-${order},2024-05-01T10:00:00Z,${sku},${quantity},10`)].join('\n'));

describeEachStore('an orders file whose order changes in a later batch than its first, unchanged, rows', (context) => {
  const db = () => context.store.db;
  const summaryOf = async (file: string, batchSize: number) => {
    const { read, inserted, updated, unchanged, rejected, orders } = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'sorted', batchSize });
    return { read, inserted, updated, unchanged, rejected, orders };
  };
  const lastRun = async () => (await db().selectFrom('import_run')
    .select(['read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'order_updated_count', 'order_unchanged_count'])
    .orderBy('import_id', 'desc').limit(1).executeTakeFirstOrThrow());
  const storedLines = async (order: string) => (await sql<{ sku: string; quantity: string }>`
    select l.sku, l.quantity::int::text as quantity from order_line l join customer_order o using (customer_id, order_id)
    where o.source = 'sorted' and o.external_id = ${order} order by l.line_no`.execute(db())).rows.map((line) => `${line.sku}${line.quantity}`);
  /** Stores the baskets as a file sorted by order, in one batch. */
  const storeOrders = async (baskets: Record<string, string>) => {
    const rows = Object.entries(baskets).flatMap(([order, skus]) => [...skus].map((sku): [string, string, number] => [order, sku, 1]));
    expect(await summaryOf(ordersFile(`stored-${Object.keys(baskets)[0]}.csv`, rows), 10_000)).toMatchObject({ inserted: rows.length, rejected: 0 });
  };
  const byProduct = (rows: Array<[string, string, number]>) => [...rows].sort(([orderA, skuA], [orderB, skuB]) => skuA.localeCompare(skuB) || orderA.localeCompare(orderB));

  it('counts an order updated when a later batch changes a line of it, its other orders unchanged; nothing changed, all unchanged', async () => {
    await storeOrders({ OC1: 'ABC', OC2: 'AB', OC3: 'A' });
    // batches of two: OC1's A, then its B, then its C each in another batch
    const same = byProduct([['OC1', 'A', 1], ['OC1', 'B', 1], ['OC1', 'C', 1], ['OC2', 'A', 1], ['OC2', 'B', 1], ['OC3', 'A', 1]]);
    for (const batchSize of [2, 10_000]) {
      expect(await summaryOf(ordersFile('same.csv', same), batchSize)).toEqual({ read: 6, inserted: 0, updated: 0, unchanged: 6, rejected: 0, orders: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
    }
    const changed = same.map(([order, sku, quantity]): [string, string, number] => (order === 'OC1' && sku === 'C' ? [order, sku, 3] : [order, sku, quantity]));
    expect(await summaryOf(ordersFile('changed.csv', changed), 2)).toEqual({ read: 6, inserted: 0, updated: 1, unchanged: 5, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 } });
    expect(await lastRun()).toEqual({ read_count: 6, inserted_count: 0, updated_count: 1, unchanged_count: 5, order_updated_count: 1, order_unchanged_count: 2 });
    expect(await storedLines('OC1')).toEqual(['A1', 'B1', 'C3']);
    expect((await sql<{ n: number }>`select count(*)::int as n from import_deferred_order`.execute(db())).rows[0].n).toBe(0);
  });

  it('counts an order updated when a later batch adds a line to the lines its first batch restated whole', async () => {
    await storeOrders({ ON1: 'AB', ON2: 'A' });
    const summary = await summaryOf(ordersFile('new-line.csv', [['ON1', 'A', 1], ['ON1', 'B', 1], ['ON2', 'A', 1], ['ON1', 'D', 1]]), 1);
    expect(summary).toEqual({ read: 4, inserted: 1, updated: 0, unchanged: 3, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 1, rejected: 0 } });
    expect(await lastRun()).toMatchObject({ order_updated_count: 1, order_unchanged_count: 1 });
    expect(await storedLines('ON1')).toEqual(['A1', 'B1', 'D1']);
  });

  it('moves an order once: not again for a third batch, nor when its dropped line goes at the end, nor one its first batch counted updated', async () => {
    await storeOrders({ OO1: 'ABC', OO2: 'ABC', OO3: 'ABC' });
    // batches of one. OO1: A as stored, B changed, C changed. OO2: A as stored, B changed, C dropped. OO3: A changed, B changed, C as stored.
    const rows: Array<[string, string, number]> = [
      ['OO1', 'A', 1], ['OO2', 'A', 1], ['OO3', 'A', 2], ['OO1', 'B', 2], ['OO2', 'B', 2], ['OO3', 'B', 2], ['OO1', 'C', 2], ['OO3', 'C', 1],
    ];
    expect(await summaryOf(ordersFile('once.csv', rows), 1)).toEqual({ read: 8, inserted: 0, updated: 5, unchanged: 3, rejected: 0, orders: { inserted: 0, updated: 3, unchanged: 0, rejected: 0 } });
    expect(await lastRun()).toEqual({ read_count: 8, inserted_count: 0, updated_count: 5, unchanged_count: 3, order_updated_count: 3, order_unchanged_count: 0 });
    expect([await storedLines('OO1'), await storedLines('OO2'), await storedLines('OO3')]).toEqual([['A1', 'B2', 'C2'], ['A1', 'B2'], ['A2', 'B2', 'C1']]);
  });
});
