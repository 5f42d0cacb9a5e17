import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, afterAll } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { rebuildTraits } from '../../traits/index.js';
import { ingestRecords } from '../ingest-batch.service.js';
import { importFile } from '../import-file.service.js';

const clock = fixedClock('2024-12-31T00:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'clientele-lines-restated-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeEachStore('an order whose lines are sent again', (context) => {
  const db = () => context.store.db;
  const line = (order: string, sku: string, unitPrice: number, extra: Record<string, string> = {}) => ({
    order_id: order, customer_email: `${order.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00+07:00',
    sku, product_name: `Product ${sku}`, category: sku === 'B' ? 'bread' : 'coffee', quantity: '1', unit_price: String(unitPrice), ...extra,
  });
  const send = (records: Record<string, string>[], entity: 'orders' | 'lines' = 'orders', source = 'api') => ingestRecords(db(), entity, records, { actor: 'test', clock, source });
  const stored = async (order: string) => {
    const row = await db().selectFrom('customer_order').select(['order_id', 'customer_id', 'amount_minor']).where('external_id', '=', order).executeTakeFirstOrThrow();
    const lines = await db().selectFrom('order_line').select(['line_no', 'sku']).where('order_id', '=', row.order_id).orderBy('line_no').execute();
    const categories = await db().selectFrom('customer_category').select(['category', 'line_count']).where('customer_id', '=', row.customer_id).orderBy('category').execute();
    const trait = await db().selectFrom('customer_trait').select('revenue_minor').where('customer_id', '=', row.customer_id).executeTakeFirstOrThrow();
    return { amount: Number(row.amount_minor), skus: lines.map((l) => l.sku), categories: categories.map((c) => `${c.category}:${c.line_count}`), revenue: Number(trait.revenue_minor) };
  };

  it('stores the order as sent the second time: its lines replaced, not mixed with the first', async () => {
    await send([line('R1', 'A', 100), line('R1', 'B', 200), line('R1', 'C', 400)]);
    expect(await stored('R1')).toEqual({ amount: 700, skus: ['A', 'B', 'C'], categories: ['bread:1', 'coffee:2'], revenue: 700 });
    const again = await send([line('R1', 'D', 800)]);
    expect(again).toMatchObject({ read: 1, rejected: 0 });
    expect(again.inserted + again.updated + again.unchanged).toBe(1);
    // the total is the sum of the lines now stated; the facts follow
    expect(await stored('R1')).toEqual({ amount: 800, skus: ['D'], categories: ['coffee:1'], revenue: 800 });
  });

  it('keeps a stated total, replaces the lines, and counts an order that only lost lines as updated', async () => {
    await send([line('R2', 'A', 100, { amount: '1000' }), line('R2', 'B', 200, { amount: '1000' })]);
    const again = await send([line('R2', 'A', 100, { amount: '1000' })]);
    expect(again).toMatchObject({ read: 1, inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored('R2')).toEqual({ amount: 1000, skus: ['A'], categories: ['coffee:1'], revenue: 1000 });
    expect(await send([line('R2', 'A', 100, { amount: '1000' })])).toMatchObject({ read: 1, unchanged: 1 });
  });

  it('replaces lines sent in a lines batch the same way, for orders stored before', async () => {
    await send([line('R3', 'A', 100, { amount: '900' }), line('R3', 'B', 200, { amount: '900' }), line('R3', 'C', 300, { amount: '900' })]);
    const lines = await send([{ order_id: 'R3', sku: 'B', product_name: 'Product B', category: 'bread', quantity: '2', unit_price: '200' }], 'lines');
    expect(lines).toMatchObject({ read: 1, updated: 1 });
    expect(await stored('R3')).toEqual({ amount: 900, skus: ['B'], categories: ['bread:1'], revenue: 900 });
  });

  it('stores no part of an order one of whose line rows is rejected, and says which row to fix', async () => {
    const summary = await send([line('R6', 'A', 100), line('R6', 'B', 200, { quantity: 'x' }), line('R6', 'C', 400), line('R7', 'A', 100)]);
    expect(summary).toMatchObject({ read: 4, inserted: 1, rejected: 3 });
    expect(summary.rejects.map((reject) => [reject.line, reject.field])).toEqual([[1, 'order_id'], [2, 'quantity'], [3, 'order_id']]);
    expect(summary.rejects[0].reason).toBe("item 2 of this batch, another row of order R6, was rejected, so none of the order's rows is stored (its total and lines would miss that row); fix item 2 and send all of the order's rows again");
    expect(await db().selectFrom('customer_order').select('order_id').where('external_id', '=', 'R6').execute()).toEqual([]);
    // the same from a file, where the rows keep their file lines
    const file = join(directory, 'bad-line.csv');
    writeFileSync(file, ['order_id,customer_email,ordered_at,sku,quantity,unit_price', 'R8,r8@example.com,2024-06-01,A,1,100', 'R8,r8@example.com,2024-06-01,B,-2,100', 'R9,r9@example.com,2024-06-01,A,1,100'].join('\n') + '\n');
    const fromFile = await importFile(db(), { entity: 'orders', file, actor: 'test', clock, rejectsPath: null });
    expect(fromFile).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(fromFile.rejectsSample.map((reject) => [reject.line, reject.field])).toEqual([[2, 'order_id'], [3, 'quantity']]);
    expect(fromFile.rejectsSample[0].reason).toMatch(/^line 3, another row of order R8, was rejected, .*; fix line 3 and import all of the order's rows again$/);
  });

  it('stores no order whose rows contradict each other on its customer, time or total', async () => {
    const summary = await send([
      line('R10', 'A', 100), line('R10', 'B', 200, { customer_email: 'someone.else@example.com' }),
      line('R11', 'A', 100, { amount: '300' }), line('R11', 'B', 200, { amount: '999' }),
      // a total stated on the first row only is no contradiction
      line('R12', 'A', 100, { amount: '300' }), line('R12', 'B', 200),
    ]);
    expect(summary).toMatchObject({ read: 6, inserted: 2, rejected: 4 });
    expect(summary.rejects.map((reject) => [reject.line, reject.field])).toEqual([[1, 'customer_email'], [2, 'customer_email'], [3, 'amount'], [4, 'amount']]);
    // a batch sent without its file's lines names its records as items
    expect(summary.rejects[0].reason).toBe('Rows of order R10 disagree on customer_email: item 1 has "r10@example.com", item 2 "someone.else@example.com". Give every row of an order the same order fields.');
    expect(await db().selectFrom('customer_order').select('external_id').where('external_id', 'in', ['R10', 'R11', 'R12']).execute()).toEqual([{ external_id: 'R12' }]);
  });

  it('keeps the lines an import wrote in its earlier batches, when an order\'s rows are apart in the file', async () => {
    // stored by an earlier import under the file's namespace ("import", a file import's default)
    await send([line('R4', 'A', 100, { amount: '600' }), line('R4', 'B', 200, { amount: '600' })], 'orders', 'import');
    const rows = ['order_id,customer_email,ordered_at,sku,product_name,category,quantity,unit_price,amount',
      'R4,r4@example.com,2024-06-01T10:00:00+07:00,A,Product A,coffee,1,100,600',
      'R5,r5@example.com,2024-06-01T10:00:00+07:00,A,Product A,coffee,1,100,100',
      'R4,r4@example.com,2024-06-01T10:00:00+07:00,C,Product C,coffee,1,300,600'];
    const file = join(directory, 'apart.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    // a batch of one row: R4's two rows land in different batches of the same import
    const summary = await importFile(db(), { entity: 'orders', file, actor: 'test', clock, rejectsPath: null, batchSize: 1 });
    expect(summary).toMatchObject({ read: 3, rejected: 0 });
    expect((await stored('R4')).skus).toEqual(['A', 'C']);
    // and the facts kept current batch by batch are what a rebuild finds
    const before = await db().selectFrom('customer_category').selectAll().orderBy('customer_id').orderBy('category').execute();
    await rebuildTraits(db());
    expect(await db().selectFrom('customer_category').selectAll().orderBy('customer_id').orderBy('category').execute()).toEqual(before);
  });
});
