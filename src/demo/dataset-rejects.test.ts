import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { demoDatasets } from './datasets.js';
import { importDataset, loadDatasetDemo } from './load-demo.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-dataset-rejects-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.each(testStoreKinds())('what a bundled data set does not load, and why [%s]', (kind) => {
  it('loads UCI Online Retail\'s invoice 536591, stamped across a minute, and explains the 2,290 sales without a customer', { timeout: 240_000 }, async () => {
    const { store, dispose } = await createTestStore(kind);
    try {
      const rejectsDirectory = join(workDir, `online-retail-${kind}`);
      const { imports: [loaded] } = await loadDatasetDemo(store.db, 'online-retail', { actor: 'test', rejectsDirectory });
      // the 40 rows of invoice 536591 (34 at 16:57, 6 at 16:58) are one order now, not rejected
      expect(loaded).toMatchObject({ read: 8000, inserted: 5710, rejected: 2290, orders: { inserted: 377, rejected: 67 } });
      const order = await store.db.selectFrom('customer_order').select(['order_id', 'ordered_at']).where('source', '=', 'online-retail').where('external_id', '=', '536591').executeTakeFirstOrThrow();
      expect(new Date(order.ordered_at).toISOString()).toBe('2010-12-01T16:57:00.000Z');
      const lines = await store.db.selectFrom('order_line').select((eb) => eb.fn.countAll<number>().as('n')).where('order_id', '=', order.order_id).executeTakeFirstOrThrow();
      expect(Number(lines.n)).toBe(40);

      expect(loaded.rejectedRows).toEqual([
        { code: 'CUSTOMER_MISSING', rows: 2290, why: expect.stringContaining('without a CustomerID'), isExpected: true },
      ]);
      // every rejected row is in the rejects file the load says it wrote
      expect(loaded.rejectsFile).toBe(join(rejectsDirectory, 'online_retail_sample.csv.rejects.csv'));
      const written = readFileSync(loaded.rejectsFile!, 'utf8').trimEnd().split('\n');
      expect(written).toHaveLength(1 + 2290);
      expect(written[1]).toContain(',624,customer_id,');
    } finally {
      await dispose();
    }
  });
});

// On one store, the server when there is one: it loads CDNOW's 69,659 rows in 7 s, the embedded store in 40 s,
// and which rows a data set rejects does not depend on the store (the UCI load above runs on both).
describe(`every bundled data set [${testStoreKinds().at(-1)}]`, () => {
  // the data sets' own odd rows (their READMEs say which), and nothing else: rows the product fails to load would show here
  it.each([
    { name: 'cdnow', rejected: {} },
    { name: 'groceries', rejected: {} },
    { name: 'online-retail', rejected: { CUSTOMER_MISSING: 2290 } },
    { name: 'customer-personality', rejected: { BIRTH_YEAR_OUT_OF_RANGE: 2 } },
  ])('$name: every row is loaded but those the data set explains', { timeout: 240_000 }, async ({ name, rejected }) => {
    const dataset = demoDatasets.find((candidate) => candidate.name === name)!;
    const { store, dispose } = await createTestStore(testStoreKinds().at(-1)!);
    try {
      const imports = await importDataset(store.db, dataset, { actor: 'test' });
      const rows = imports.flatMap((summary) => summary.rejectedRows);
      expect(Object.fromEntries(rows.map((group) => [group.code, group.rows]))).toEqual(rejected);
      expect(rows.every((group) => group.isExpected)).toBe(true);
      expect(imports.reduce((sum, summary) => sum + summary.rejected, 0)).toBe(rows.reduce((sum, group) => sum + group.rows, 0));
      // without a directory to write to, no rejects file: the bundled data set's folder is not written in
      expect(imports.map((summary) => summary.rejectsFile)).toEqual(imports.map(() => null));
    } finally {
      await dispose();
    }
  });
});
