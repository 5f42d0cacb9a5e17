import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze } from '../analytics/index.js';
import { createSegment, refreshAllSegments } from '../segments/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { importFile } from './import-file.service.js';
import { ingestRecords } from './ingest-batch.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'clientele-data-set-as-of-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// a data set ending 1 June 2024, opened years later: the store is judged at its end, not at the wall clock
const dataSetEnd = '2024-06-01T23:59:59.999+07:00';
const wallClock = fixedClock('2026-12-02T10:00:00Z');
const boughtWithin30Days = { field: 'last_purchase_at', op: 'gte', value: { days_ago: 30 } };

const customerOf = async (db: Kysely<Database>, email: string) =>
  Number((await sql<{ customer_id: number }>`select customer_id from customer_identity where value = ${email}`.execute(db)).rows[0].customer_id);
const membersOf = async (db: Kysely<Database>, segment: string) =>
  (await sql<{ customer_id: number }>`select m.customer_id from segment_member m join segment s using (segment_id) where s.name = ${segment} order by 1`.execute(db)).rows.map((row) => Number(row.customer_id));
const typesOf = async (db: Kysely<Database>, customerId: number) =>
  (await db.selectFrom('customer_type').select('types').where('customer_id', '=', customerId).executeTakeFirst())?.types ?? null;

describeEachStore("orders ingested into a data set's store are judged at the data set's end", (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await updateStoreSettings(db(), { data_as_of: dataSetEnd });
    await importFile(db(), { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock: wallClock, rejectsPath: null });
    await analyze(db(), { clock: wallClock });
    await createSegment(db(), { name: 'bought within 30 days', filter: boughtWithin30Days }, { actor: 'test', clock: wallClock });
  });

  it("keeps a batch sent over the API in the segments a refresh gives, typed as of the data set's end", async () => {
    await ingestRecords(db(), 'orders', [{ order_id: 'API1', customer_email: 'api@example.com', ordered_at: '2024-05-25T10:00:00+07:00', amount: '40000' }], { actor: 'test', clock: wallClock });
    const buyer = await customerOf(db(), 'api@example.com');
    expect(await membersOf(db(), 'bought within 30 days')).toContain(buyer);
    expect(await typesOf(db(), buyer)).toContain('new');
    await expectSameAsFullRefresh(db());
  });

  it("keeps a file import in the segments a refresh gives, typed as of the data set's end", async () => {
    const file = join(directory, 'late-orders.csv');
    writeFileSync(file, 'order_id,customer_email,ordered_at,amount\nFILE1,file@example.com,2024-05-26T10:00:00+07:00,50000\n');
    await importFile(db(), { entity: 'orders', file, actor: 'test', clock: wallClock, rejectsPath: null });
    const buyer = await customerOf(db(), 'file@example.com');
    expect(await membersOf(db(), 'bought within 30 days')).toContain(buyer);
    expect(await typesOf(db(), buyer)).toContain('new');
    await expectSameAsFullRefresh(db());
  });

  it("refuses an analysis as of a day after the data set's end, though the clock has passed it, and analyses its last day", async () => {
    const runs = async () => Number((await sql<{ n: number }>`select count(*)::int as n from analysis_run`.execute(db())).rows[0].n);
    const before = await runs();
    await expect(analyze(db(), { asOf: '2024-06-02', clock: wallClock })).rejects.toMatchObject({
      code: 'ANALYTICS_AS_OF_IN_FUTURE',
      message: "The as-of day 2024-06-02 is after the data set's end (2024-06-01). No purchase after it is known: analyse as of that day or an earlier one.",
    });
    expect(await runs()).toBe(before);
    await analyze(db(), { asOf: '2024-06-01', clock: wallClock });
    expect(await runs()).toBe(before + 1);
  });
});

async function expectSameAsFullRefresh(db: Kysely<Database>): Promise<void> {
  const kept = await membersOf(db, 'bought within 30 days');
  await refreshAllSegments(db, { clock: wallClock });
  expect(await membersOf(db, 'bought within 30 days')).toEqual(kept);
}
