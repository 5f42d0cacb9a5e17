import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// An order whose rows are all rejected was counted rejected again in each batch it fell into: the
// UCI sample's rejected orders were 67 at the default batch size and 71 at --batch-size 500.
const sample = fileURLToPath(new URL('../../data/datasets/online-retail/online_retail_sample.csv', import.meta.url));
const files = scratchFiles('batch-order-counts');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('order counts whatever the batch size', (context) => {
  const db = () => context.store.db;

  it('counts each order of the UCI sample once, with the same summary at two batch sizes', async () => {
    // each import its own namespace, so the second finds nothing the first stored
    const at = async (source: string, batchSize?: number) => {
      const { read, inserted, updated, unchanged, rejected, orders } = await importFile(db(), { ...importDefaults, entity: 'orders', file: sample, preset: 'uci-online-retail', source, batchSize });
      return { read, inserted, updated, unchanged, rejected, orders };
    };
    const small = await at('uci-500', 500);
    expect(small.orders!.inserted + small.orders!.rejected).toBeLessThanOrEqual(444);
    expect(await at('uci-default')).toEqual(small);
  });

  it('keeps an order whose rows are all rejected in one batch, and the rows after its rejected ones with it', async () => {
    const file = files.file('rejected.csv', [
      'order_id,customer_id,ordered_at,product_name,quantity,unit_price',
      'A,C1,2026-03-01,Tea,1,2', 'B,,2026-03-02,Tea,1,2', 'B,,2026-03-02,Cake,1,3', 'B,,2026-03-02,Milk,1,1', 'C,C2,2026-03-03,Tea,1,2',
    ].join('\n'));
    for (const batchSize of [1, 2, 5000]) {
      const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, batchSize });
      expect(summary.orders, `batch size ${batchSize}`).toMatchObject({ rejected: 1 });
      expect(summary.rejected).toBe(3);
    }
  });
});

describeEachStore('an order whose rows are spread over several batches, imported again', (context) => {
  const db = () => context.store.db;
  // a basket's rows apart in the file, as the groceries preset's are: at batch size 2, B's rows fall in three batches
  const basket = (rows: string[]) => files.file(`basket-${rows.length}-${Math.random().toString(36).slice(2)}.csv`, ['order_id,customer_id,ordered_at,product_name,quantity,unit_price', ...rows].join('\n'));
  const rows = ['B,C1,2026-03-01,Tea,1,2', 'A,C2,2026-03-01,Tea,1,2', 'B,C1,2026-03-01,Cake,1,3', 'D,C3,2026-03-01,Tea,1,2', 'B,C1,2026-03-01,Milk,1,1'];
  const linesOfB = async () => (await sql<{ product_name: string }>`
    select l.product_name from order_line l join customer_order o using (customer_id, order_id) where o.external_id = 'B' and o.source = 'spread' order by l.line_no`.execute(db())).rows.map((row) => row.product_name);
  const totalOfB = async () => Number((await db().selectFrom('customer_order').select('total_minor').where('external_id', '=', 'B').where('source', '=', 'spread').executeTakeFirstOrThrow()).total_minor);
  const run = async (file: string) => {
    const { read, inserted, updated, unchanged, rejected, orders } = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'spread', batchSize: 2 });
    return { read, inserted, updated, unchanged, rejected, orders };
  };

  it('reports the same file unchanged, keeps the lines, and still removes a line the file no longer states', async () => {
    const file = basket(rows);
    expect(await run(file)).toMatchObject({ inserted: 5, orders: { inserted: 3 } });
    expect(await run(file)).toEqual({ read: 5, inserted: 0, updated: 0, unchanged: 5, rejected: 0, orders: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
    expect(await linesOfB()).toEqual(['Tea', 'Cake', 'Milk']);
    const total = await totalOfB();
    // the basket without its milk: B is updated once, its milk removed and its total summed again
    expect(await run(basket(rows.slice(0, 4)))).toEqual({ read: 4, inserted: 0, updated: 1, unchanged: 3, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 } });
    expect(await linesOfB()).toEqual(['Tea', 'Cake']);
    // 2 + 3 + 1 before, 2 + 3 after
    expect(await totalOfB()).toBe((total / 6) * 5);
    const runs = await db().selectFrom('import_run').select(['updated_count', 'unchanged_count', 'order_updated_count', 'order_unchanged_count']).orderBy('import_id', 'desc').limit(1).execute();
    expect(runs).toEqual([{ updated_count: 1, unchanged_count: 3, order_updated_count: 1, order_unchanged_count: 2 }]);
  });
});
