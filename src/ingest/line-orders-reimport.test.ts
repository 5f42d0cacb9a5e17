import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-line-orders-reimport-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Orders of one to five lines, one row per line: an order of more rows than twice a small batch
// size was split across batches, and a re-import removed its later batches' lines as not restated
// and inserted them again (UCI's sample at --batch-size 1: 277 orders "updated").
function lineFile(prefix: string): string {
  const rows = ['order_id,customer_id,ordered_at,sku,quantity,unit_price'];
  for (let order = 1; order <= 6; order += 1) {
    const lines = (order % 5) + 1;
    for (let line = 1; line <= lines; line += 1) rows.push(`${prefix}O${order},${prefix}C${order % 3},2024-05-0${order}T10:00:00Z,SKU${line},${line},${order}.50`);
  }
  const file = join(directory, `${prefix}.csv`);
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describeEachStore('a line-level orders file imported again', (context) => {
  for (const batchSize of [1, 2, 10_000]) {
    it(`changes nothing and counts every row unchanged at batch size ${batchSize.toLocaleString('en')}`, async () => {
      const db = context.store.db;
      const file = lineFile(`L${batchSize}-`);
      const snapshot = async () => (await sql<{ order: string; lines: string; amount: string; revenue: string }>`
        select o.external_id as order, (select string_agg(l.sku || 'x' || l.quantity, ' ' order by l.line_no) from order_line l
          where l.customer_id = o.customer_id and l.order_id = o.order_id) as lines, o.amount_minor::text as amount, t.revenue_minor::text as revenue
        from customer_order o join customer_trait t using (customer_id) where o.external_id like ${`L${batchSize}-%`} order by o.external_id`.execute(db)).rows;
      const first = await importFile(db, { ...importDefaults, entity: 'orders', file, batchSize });
      expect(first).toMatchObject({ read: 17, inserted: 17, rejected: 0 });
      const stored = await snapshot();
      expect(stored.map((row) => row.lines.split(' ').length)).toEqual([2, 3, 4, 5, 1, 2]);

      const again = await importFile(db, { ...importDefaults, entity: 'orders', file, batchSize });
      expect(again).toMatchObject({ read: 17, inserted: 0, updated: 0, unchanged: 17, rejected: 0 });
      expect(again.orders).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
      expect(await snapshot()).toEqual(stored);
    });
  }
});
