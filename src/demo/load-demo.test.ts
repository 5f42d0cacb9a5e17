import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createTestStore, describeEachStore } from '../../test/helpers/stores.js';
import { getTypePolicy, reportTypes } from '../analytics/index.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';
import { getStoreSettings, updateStoreSettings } from '../settings/index.js';
import { datasetsDirectory } from './datasets.js';
import { loadDatasetDemo } from './load-demo.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-demo-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describeEachStore('loading a demo data set', (context) => {
  it('continues a load that stopped part-way when run again, then refuses a second load', { timeout: 240_000 }, async () => {
    const { db } = context.store;
    // what a load killed during its import leaves: the demo's settings without demo_dataset, and the first rows
    const source = readFileSync(join(datasetsDirectory, 'customer-personality/marketing_campaign.csv'), 'utf8').split('\n');
    const firstRows = join(workDir, 'first-rows.csv');
    writeFileSync(firstRows, `${source.slice(0, 101).join('\n')}\n`);
    await updateStoreSettings(db, { name: 'customer-personality (public data set)', currency: 'USD', timezone: 'America/New_York', default_country: 'US', is_synthetic: false, demo_dataset: null, data_as_of: '2015-01-01T00:00:00Z' });
    const partial = await importFile(db, { entity: 'customers', file: firstRows, preset: 'customer-personality', actor: 'test', clock: fixedClock('2015-01-01T00:00:00Z'), rejectsPath: null });
    expect(partial.inserted).toBe(100);

    const loaded = await loadDatasetDemo(db, 'customer-personality', { actor: 'test' });
    const [again] = loaded.imports;
    expect(again.read).toBe(2240);
    // the first hundred are found again, not duplicated
    expect(again.unchanged + again.updated).toBeGreaterThanOrEqual(100);
    const customers = await db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(customers.count)).toBe(partial.inserted + again.inserted);
    expect((await getStoreSettings(db)).demoDataset).toBe('customer-personality');

    await expect(loadDatasetDemo(db, 'customer-personality', { actor: 'test' })).rejects.toMatchObject({ code: 'DEMO_STORE_NOT_EMPTY_CONFLICT' });
  });
});

it('loads the Groceries data set, which has no prices, with VIPs ranked by purchase days', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  try {
    const loaded = await loadDatasetDemo(store.db, 'groceries', { actor: 'test' });
    expect((await getTypePolicy(store.db)).vip.basis).toBe('frequency');
    // its purchases do not pin BG/NBD down (no one seems to leave): no predictions, and it says so
    expect(loaded.notes).toEqual([expect.stringMatching(/^No predicted value: .*did not converge.*quiet-days rule\.$/)]);
    expect((await store.db.selectFrom('customer_prediction').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(0);
    const vip = (await reportTypes(store.db)).types.find((row) => row.type === 'vip');
    expect(vip?.customers).toBeGreaterThan(0);
  } finally {
    await dispose();
  }
});
