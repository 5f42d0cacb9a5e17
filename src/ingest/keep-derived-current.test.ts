import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { analyze, setTypePolicy } from '../analytics/index.js';
import { createDerivedUpdater } from './keep-derived-current.js';
import { importFile } from './import-file.service.js';
import { ingestRecords } from './ingest-batch.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const clock = fixedClock('2024-06-01T00:00:00Z');

describeEachStore('keeping customer types current as orders arrive', (context) => {
  it('types a lead who buys for the first time in the same transaction as the order', async () => {
    const db = context.store.db;
    await importFile(db, { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    await importFile(db, { entity: 'events', file: fixture('events.csv'), actor: 'test', clock, rejectsPath: null });
    await analyze(db, { asOf: '2024-06-01', clock });
    const lead = (await sql<{ customer_id: number }>`select customer_id from customer_identity where value = 'lead@example.com'`.execute(db)).rows[0].customer_id;
    expect(await db.selectFrom('customer_type').select('types').where('customer_id', '=', lead).executeTakeFirst()).toEqual({ types: ['lead'] });

    const summary = await ingestRecords(db, 'orders', [{ order_id: 'N1', customer_email: 'lead@example.com', ordered_at: '2024-05-31T10:00:00+07:00', amount: '40000' }], { actor: 'test', clock });
    expect(summary.inserted).toBe(1);
    const typed = await db.selectFrom('customer_type').select(['types']).where('customer_id', '=', lead).executeTakeFirstOrThrow();
    expect(typed.types).toContain('new');
    const history = await db.selectFrom('customer_type_history').select(['type', 'left_at']).where('customer_id', '=', lead).orderBy('history_id').execute();
    expect(history.map((entry) => [entry.type, entry.left_at === null])).toEqual([['lead', false], ['new', true]]);
  });

  it('judges a request\'s batch by the settings read with the request, and later batches by the settings then in force', async () => {
    const db = context.store.db;
    await importFile(db, { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    await analyze(db, { asOf: '2024-06-01', clock });
    const c1 = (await sql<{ customer_id: number }>`select customer_id from customer_identity where value = 'C1'`.execute(db)).rows[0].customer_id;
    const typesOfC1 = async () => (await db.selectFrom('customer_type').select('types').where('customer_id', '=', c1).executeTakeFirstOrThrow()).types;
    // first bought 92 days before: not new under the default 30 days
    expect(await typesOfC1()).not.toContain('new');

    const keepDerivedCurrent = await createDerivedUpdater(db, { clock, settings: { dataAsOf: null } });
    // the policy changes after the updater read it (and everyone is reclassified by it)
    await setTypePolicy(db, { newWithinDays: 120 }, { asOf: '2024-06-01' });
    expect(await typesOfC1()).toContain('new');
    await db.transaction().execute((trx) => keepDerivedCurrent(trx, [c1]));
    expect(await typesOfC1()).not.toContain('new');
    await db.transaction().execute((trx) => keepDerivedCurrent(trx, [c1]));
    expect(await typesOfC1()).toContain('new');

    // a re-run import whose first batch changes nobody: its first changes may come long after the read
    const rerun = await createDerivedUpdater(db, { clock, settings: { dataAsOf: null } });
    await setTypePolicy(db, { newWithinDays: 30 }, { asOf: '2024-06-01' });
    await db.transaction().execute((trx) => rerun(trx, []));
    await db.transaction().execute((trx) => rerun(trx, [c1]));
    expect(await typesOfC1()).not.toContain('new');
  });
});
