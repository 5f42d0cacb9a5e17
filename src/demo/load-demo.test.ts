import { sql } from 'kysely';
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createTestStore, describeEachStore } from '../../test/helpers/stores.js';
import { getTypePolicy, reportTypes } from '../analytics/index.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';
import { getStoreSettings, updateStoreSettings } from '../settings/index.js';
import { chainName, writeStoreFiles } from '../synthetic/index.js';
import { demoDatasets, datasetsDirectory } from './datasets.js';
import { loadDatasetDemo, loadSyntheticDemo } from './load-demo.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-demo-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describeEachStore('loading a demo data set', (context) => {
  it('continues a load that stopped part-way when run again, then refuses a second load', { timeout: 240_000 }, async () => {
    const { db } = context.store;
    // what a load killed during its import leaves: the demo's settings without demo_dataset, and the first rows
    const source = readFileSync(join(datasetsDirectory, 'customer-personality/marketing_campaign.csv'), 'utf8').split('\n');
    const firstRows = join(workDir, 'first-rows.csv');
    writeFileSync(firstRows, `${source.slice(0, 101).join('\n')}\n`);
    // begun by an earlier version, under the name it gave a data set's store then
    const asOf = demoDatasets.find((dataset) => dataset.name === 'customer-personality')!.asOf;
    await updateStoreSettings(db, { name: 'customer-personality (public data set)', currency: 'USD', timezone: 'America/New_York', default_country: 'US', is_synthetic: false, demo_dataset: null, data_as_of: asOf });
    const partial = await importFile(db, { entity: 'customers', file: firstRows, preset: 'customer-personality', actor: 'test', clock: fixedClock('2015-01-01T00:00:00Z'), rejectsPath: null });
    expect(partial.inserted).toBe(100);

    const loaded = await loadDatasetDemo(db, 'customer-personality', { actor: 'test' });
    const [again] = loaded.imports;
    expect(again.read).toBe(2240);
    // the first hundred are found again, not duplicated
    expect(again.unchanged + again.updated).toBeGreaterThanOrEqual(100);
    const customers = await db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(customers.count)).toBe(partial.inserted + again.inserted);
    // named as the data set names itself, in no language of ours: the app says it is a public data set
    expect(await getStoreSettings(db)).toMatchObject({ demoDataset: 'customer-personality', name: 'Customer Personality' });

    await expect(loadDatasetDemo(db, 'customer-personality', { actor: 'test' })).rejects.toMatchObject({ code: 'DEMO_STORE_NOT_EMPTY_CONFLICT' });
  });

  it('does not take a real store for an unfinished load because it bears a data set\'s name', async () => {
    const { db } = context.store;
    await updateStoreSettings(db, { name: 'CDNOW', is_synthetic: false, demo_dataset: null, data_as_of: null });
    await db.insertInto('customer').values({ kind: 'person', name: 'A real customer' }).execute();
    await expect(loadDatasetDemo(db, 'cdnow', { actor: 'test' })).rejects.toMatchObject({ code: 'DEMO_STORE_NOT_EMPTY_CONFLICT' });
  });
});

it('loads the Groceries data set, which has no prices, with VIPs ranked by purchase days', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  try {
    const loaded = await loadDatasetDemo(store.db, 'groceries', { actor: 'test' });
    expect((await getTypePolicy(store.db)).vip.basis).toBe('frequency');
    // its purchases do not pin BG/NBD down (no one seems to leave): no predictions, and it says so
    expect(loaded.notes).toEqual([expect.stringMatching(/^No predicted value: the purchases do not pin the purchase models \(BG\/NBD, Pareto\/NBD\) down .*did not converge.*quiet-days rule\.$/)]);
    expect((await store.db.selectFrom('customer_prediction').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(0);
    const vip = (await reportTypes(store.db)).types.find((row) => row.type === 'vip');
    expect(vip?.customers).toBeGreaterThan(0);
  } finally {
    await dispose();
  }
});

it('loads CDNOW with a type history whose moves are customers\' own, and the alerts of its last week only', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  try {
    await loadDatasetDemo(store.db, 'cdnow', { actor: 'test' });
    // the history starts with an analysis 91 days before the end, judged by a prediction of its own
    // day: no one stops being lapsed by then without buying again (2,236 did when it had none)
    const unexplained = await sql<{ n: number }>`
      select count(*)::int as n from customer_type_history h
      where h.type = 'lapsed' and h.left_at is not null
        and not exists (select 1 from customer_purchase_day d where d.customer_id = h.customer_id and d.day > '1998-03-31')`.execute(store.db);
    expect(unexplained.rows[0].n).toBe(0);
    const moved = await sql<{ n: number }>`select count(*)::int as n from customer_type_history where type = 'lapsed' and left_at is not null`.execute(store.db);
    expect(moved.rows[0].n).toBeGreaterThan(100);
    // that analysis raises nothing, and the end day's looks back one week, not the quarter (66 overdue)
    const alerts = await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from alert group by kind order by kind`.execute(store.db);
    expect(alerts.rows).toEqual([{ kind: 'customer_overdue', n: 6 }]);
  } finally {
    await dispose();
  }
});

describeEachStore('loading the synthetic demo by the caller\'s clock', (context) => {
  it('predicts as of the clock it is given, not the machine\'s: a demo generated up to a day the machine has not reached', { timeout: 240_000 }, async () => {
    const clock = fixedClock(new Date(Date.now() + 400 * 86_400_000));
    // 150 customers: 40 buy too little for the value model to converge, and the load goes on without predictions
    await loadSyntheticDemo(context.store.db, { customers: 150, clock, actor: 'test' });
    const fits = await context.store.db.selectFrom('model_fit').selectAll().execute();
    expect(fits.length).toBeGreaterThan(0);
  });
});

it('names the synthetic store without an English note: the synthetic flag says it in each reader\'s language', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  try {
    await loadSyntheticDemo(store.db, { customers: 40, clock: fixedClock('2026-03-02T09:00:00Z'), actor: 'test' });
    const settings = await getStoreSettings(store.db);
    expect(settings.name).toBe('Roti & Kopi Nusantara');
    expect(settings.name).toBe(chainName);
    expect(settings.isSynthetic).toBe(true);
  } finally {
    await dispose();
  }
});

it('continues a synthetic load begun under the store\'s former name, and ends it under the current one', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  const clock = fixedClock('2026-03-02T09:00:00Z');
  try {
    // what a load killed after its customers import left, under the name it wrote before
    const endDate = new Date('2026-03-01T12:00:00Z');
    await updateStoreSettings(store.db, { name: 'Roti & Kopi Nusantara (synthetic demo data)', currency: 'IDR', timezone: 'Asia/Jakarta', default_country: 'ID', is_synthetic: true, demo_dataset: null, data_as_of: endDate.toISOString() });
    const directory = join(workDir, 'synthetic-first-part');
    await writeStoreFiles(directory, { seed: 20261124, customers: 40, endDate, years: 3, ordersPerCustomer: 9, includeTruth: false });
    const partial = await importFile(store.db, { entity: 'customers', file: join(directory, 'customers.csv'), source: 'demo', actor: 'test', clock, rejectsPath: null });
    expect(partial.inserted).toBeGreaterThan(0);

    const loaded = await loadSyntheticDemo(store.db, { customers: 40, clock, actor: 'test' });
    const customers = loaded.imports.find((summary) => summary.entity === 'customers');
    // the same files again (data_as_of kept the end day): every customer is found, none added twice
    expect(customers?.inserted).toBe(0);
    const settings = await getStoreSettings(store.db);
    expect(settings).toMatchObject({ name: 'Roti & Kopi Nusantara', demoDataset: 'synthetic', isSynthetic: true, dataAsOf: null });

    await expect(loadSyntheticDemo(store.db, { customers: 40, clock, actor: 'test' })).rejects.toMatchObject({ code: 'DEMO_STORE_NOT_EMPTY_CONFLICT' });
  } finally {
    await dispose();
  }
});

it('does not take a store of real data for an unfinished synthetic load because of its name', { timeout: 240_000 }, async () => {
  const { store, dispose } = await createTestStore('embedded');
  try {
    await updateStoreSettings(store.db, { name: chainName });
    const file = join(workDir, 'real-customers.csv');
    writeFileSync(file, 'customer_id,name\nR1,Ayu\n');
    await importFile(store.db, { entity: 'customers', file, actor: 'test', clock: fixedClock('2026-03-02T09:00:00Z'), rejectsPath: null });
    await expect(loadSyntheticDemo(store.db, { customers: 40, clock: fixedClock('2026-03-02T09:00:00Z'), actor: 'test' })).rejects.toMatchObject({ code: 'DEMO_STORE_NOT_EMPTY_CONFLICT' });
  } finally {
    await dispose();
  }
});
