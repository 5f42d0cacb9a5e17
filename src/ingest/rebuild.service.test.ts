import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze, classifyCustomersIncremental } from '../analytics/index.js';
import { createSegment, refreshAllSegments } from '../segments/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { importFile } from './import-file.service.js';
import { rebuildFacts } from './rebuild.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));

const customerOf = async (db: Kysely<Database>, externalId: string) =>
  Number((await sql<{ customer_id: number }>`select customer_id from customer_identity where value = ${externalId}`.execute(db)).rows[0].customer_id);
const membersOf = async (db: Kysely<Database>, segment: string) =>
  (await sql<{ customer_id: number }>`select m.customer_id from segment_member m join segment s using (segment_id) where s.name = ${segment} order by 1`.execute(db)).rows.map((row) => Number(row.customer_id));
const typesOf = async (db: Kysely<Database>, customerId: number) =>
  (await db.selectFrom('customer_type').select('types').where('customer_id', '=', customerId).executeTakeFirst())?.types ?? null;

/** Facts gone wrong behind the product's back (SQL by hand): C3's only order no longer counts. */
async function loseFactsOf(db: Kysely<Database>, customerId: number): Promise<void> {
  await sql`delete from customer_purchase_day where customer_id = ${customerId}`.execute(db);
  await sql`update customer_trait set order_count = 0, purchase_days = 0, revenue_minor = 0, first_purchase_at = null, last_purchase_at = null
    where customer_id = ${customerId}`.execute(db);
}

describeEachStore('rebuild brings what derives from the facts up to date', (context) => {
  const clock = fixedClock('2024-06-01T00:00:00Z');
  const db = () => context.store.db;

  beforeAll(async () => {
    await importFile(db(), { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    await analyze(db(), { asOf: '2024-06-01', clock });
    await createSegment(db(), { name: 'big spenders', filter: { field: 'revenue_minor', op: 'gte', value: 500_000 } }, { actor: 'test', clock });
  });

  it("puts back the segment membership and types of a customer whose facts were wrong, and touches nobody else's", async () => {
    const c3 = await customerOf(db(), 'C3');
    // what the incremental path gives C3 on right facts
    await classifyCustomersIncremental(db(), [c3], clock.now());
    const rightTypes = await typesOf(db(), c3);
    expect(await membersOf(db(), 'big spenders')).toEqual([c3]);

    await loseFactsOf(db(), c3);
    await classifyCustomersIncremental(db(), [c3], clock.now());
    await refreshAllSegments(db(), { clock });
    expect(await membersOf(db(), 'big spenders')).toEqual([]);
    expect(await typesOf(db(), c3)).not.toEqual(rightTypes);

    const result = await rebuildFacts(db(), { clock });
    expect(result.changedCustomers).toBe(1);
    expect(await membersOf(db(), 'big spenders')).toEqual([c3]);
    expect(await typesOf(db(), c3)).toEqual(rightTypes);

    // facts already right: nothing changes, and nothing derived is touched
    expect((await rebuildFacts(db(), { clock })).changedCustomers).toBe(0);
  });
});

describeEachStore("rebuild judges a data set's store at the data set's end", (context) => {
  const wallClock = fixedClock('2026-12-02T10:00:00Z');
  const db = () => context.store.db;

  beforeAll(async () => {
    await updateStoreSettings(db(), { data_as_of: '2024-06-01T23:59:59.999+07:00' });
    await importFile(db(), { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock: wallClock, rejectsPath: null });
    // C3 bought on 2 May 2024: within 60 days of the data set's end, years before the wall clock
    await createSegment(db(), { name: 'recent buyers', filter: { field: 'last_purchase_at', op: 'gte', value: { days_ago: 60 } } }, { actor: 'test', clock: wallClock });
  });

  it('counts relative dates back from the data set\'s end after a rebuild, as a segment refresh does', async () => {
    const c3 = await customerOf(db(), 'C3');
    const before = await membersOf(db(), 'recent buyers');
    expect(before).toContain(c3);

    await loseFactsOf(db(), c3);
    await refreshAllSegments(db(), { clock: wallClock });
    expect(await membersOf(db(), 'recent buyers')).not.toContain(c3);

    await rebuildFacts(db(), { clock: wallClock });
    expect(await membersOf(db(), 'recent buyers')).toEqual(before);
  });
});
