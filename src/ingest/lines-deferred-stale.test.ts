import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// A lines file whose order's rows lie apart (in different batches) had the batch holding the
// order's first rows remove its other stored lines, and a later batch insert them again: a
// re-import of the same file counted rows inserted and orders updated, and an import stopped in
// between left orders without lines. A lines import now defers that removal to its end, as an
// orders import does (write/stale-lines.ts).
const files = scratchFiles('lines-deferred-stale');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const header = 'order_id,sku,quantity,unit_price,category';
type Line = { order: string; sku: string; category: string };

/** Each order's lines, one row each; `apart`: the first line of every order, then the second of every order, and so on. */
function linesFile(name: string, baskets: Record<string, Line[]>, apart: boolean): string {
  const lists = Object.values(baskets);
  const rows = apart
    ? Array.from({ length: Math.max(...lists.map((list) => list.length)) }, (_, index) => lists.flatMap((list) => (list[index] ? [list[index]] : []))).flat()
    : lists.flat();
  return files.file(name, [header, ...rows.map((line) => `${line.order},${line.sku},1,10,${line.category}`)].join('\n'));
}

const basketOf = (order: string, skus: string) => [...skus].map((sku) => ({ order, sku, category: `Cat-${sku}` }));

describeEachStore('a lines file whose orders\' rows lie apart, imported again', (context) => {
  const db = () => context.store.db;
  const summaryOf = async (file: string, batchSize: number) => {
    const { read, inserted, updated, unchanged, rejected, orders } = await importFile(db(), { ...importDefaults, entity: 'lines', file, source: 'apart', batchSize });
    return { read, inserted, updated, unchanged, rejected, orders };
  };
  /** What the store derives from the lines too: every line, each customer's categories and facts. */
  const snapshot = async () => ({
    lines: (await sql<{ external_id: string; sku: string }>`
      select o.external_id, l.line_no, l.sku, l.quantity::text, l.unit_price_minor::text, l.category from order_line l
      join customer_order o using (customer_id, order_id) where o.source = 'apart' order by 1, 2`.execute(db())).rows,
    categories: (await sql<{ category: string }>`select customer_id, category, line_count, amount_minor::text from customer_category order by 1, 2`.execute(db())).rows,
    traits: (await sql`select customer_id, order_count, revenue_minor::text from customer_trait order by 1`.execute(db())).rows,
  });
  const baskets = { AP1: basketOf('AP1', 'ABC'), AP2: basketOf('AP2', 'AB'), AP3: basketOf('AP3', 'CDEF'), AP4: basketOf('AP4', 'A') };

  it('reports every row and order unchanged and leaves the store as it was; a line the file drops goes at the end, its order updated', async () => {
    const orders = files.file('orders.csv', ['order_id,customer_id,ordered_at,amount', 'AP1,K1,2024-05-01,30', 'AP2,K1,2024-05-02,20', 'AP3,K2,2024-05-03,40', 'AP4,K3,2024-05-04,10'].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: orders, source: 'apart' })).toMatchObject({ inserted: 4, rejected: 0 });
    expect(await summaryOf(linesFile('together.csv', baskets, false), 10_000)).toMatchObject({ inserted: 10, orders: { updated: 4 } });
    const stored = await snapshot();

    // at batch size 2 every order of more than one line has its rows in two to four batches
    const apart = linesFile('apart.csv', baskets, true);
    for (let time = 1; time <= 2; time += 1) {
      expect(await summaryOf(apart, 2)).toEqual({ read: 10, inserted: 0, updated: 0, unchanged: 10, rejected: 0, orders: { inserted: 0, updated: 0, unchanged: 4, rejected: 0 } });
      expect(await snapshot()).toEqual(stored);
    }

    // the file without AP3's last line (F): removed when the import completes, AP3 updated, with its first row
    const dropped = linesFile('dropped.csv', { ...baskets, AP3: basketOf('AP3', 'CDE') }, true);
    expect(await summaryOf(dropped, 2)).toEqual({ read: 9, inserted: 0, updated: 1, unchanged: 8, rejected: 0, orders: { inserted: 0, updated: 1, unchanged: 3, rejected: 0 } });
    const after = await snapshot();
    expect(after.lines).toEqual(stored.lines.filter((line) => !(line.external_id === 'AP3' && line.sku === 'F')));
    expect(after.categories.map((row) => row.category)).not.toContain('Cat-F');
    const run = await db().selectFrom('import_run').select(['updated_count', 'unchanged_count', 'order_updated_count', 'order_unchanged_count']).orderBy('import_id', 'desc').limit(1).execute();
    expect(run).toEqual([{ updated_count: 1, unchanged_count: 8, order_updated_count: 1, order_unchanged_count: 3 }]);
    expect((await sql<{ n: number }>`select count(*)::int as n from import_deferred_order`.execute(db())).rows[0].n).toBe(0);
  });

  it('allocates a credit note again once the deferred lines are gone: the sale that lost its SKU no longer takes it first', async () => {
    const orders = files.file('credit-orders.csv', [
      'order_id,customer_id,ordered_at,status,amount', 'CR-S1,KC,2024-05-01,paid,300', 'CR-S2,KC,2024-05-02,paid,300', 'CR-CN,KC,2024-05-10,credit_note,100',
    ].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: orders, source: 'apart' })).toMatchObject({ inserted: 3, rejected: 0 });
    const credits = async () => (await sql<{ sale: string; amount: string }>`
      select s.external_id as sale, k.amount_minor::text as amount from order_credit k
      join customer_order s on s.customer_id = k.customer_id and s.order_id = k.sale_order_id where s.external_id like 'CR-%'`.execute(db())).rows;
    const first = { 'CR-S1': basketOf('CR-S1', 'XB'), 'CR-S2': basketOf('CR-S2', 'Y'), 'CR-CN': basketOf('CR-CN', 'B') };
    await summaryOf(linesFile('credit-lines.csv', first, false), 10_000);
    // the credit note's SKU B is CR-S1's: it takes it, though CR-S2 is more recent
    expect(await credits()).toEqual([{ sale: 'CR-S1', amount: '100' }]);

    // CR-S1 without B, its rows apart: B waits for the import's end, and then no sale shares a SKU, so the most recent takes it
    const summary = await summaryOf(linesFile('credit-lines-2.csv', { ...first, 'CR-S1': basketOf('CR-S1', 'X') }, true), 1);
    expect(summary).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 2, orders: { updated: 1, unchanged: 2 } });
    expect(await credits()).toEqual([{ sale: 'CR-S2', amount: '100' }]);
    const facts = await sql<{ external_id: string; status: string; refunded_minor: string }>`
      select external_id, status, refunded_minor::text from customer_order where external_id in ('CR-S1', 'CR-S2') order by 1`.execute(db());
    expect(facts.rows).toEqual([{ external_id: 'CR-S1', status: 'paid', refunded_minor: '0' }, { external_id: 'CR-S2', status: 'partially_refunded', refunded_minor: '100' }]);
  });
});
