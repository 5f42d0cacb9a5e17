import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze, reportTypes } from '../analytics/index.js';
import { createSegment } from '../segments/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';
import { mergeCustomers, undoMerge } from './merge.service.js';
import { updateStoreSettings } from '../settings/index.js';

const clock = fixedClock('2024-06-30T12:00:00Z');
const mergedAt = new Date('2024-06-30T12:00:00Z');

/** X bought once; Y bought on three days, so the merge changes what X is. */
async function seedBuyers(db: Kysely<Database>, tag: string) {
  const email = (who: string) => `${tag}.${who}@example.com`;
  const x = await createCustomer(db, { name: `${tag} X`, email: email('x') });
  const y = await createCustomer(db, { name: `${tag} Y`, email: email('y') });
  const order = (id: string, who: string, day: string) => ({ order_id: `${tag}-${id}`, customer_email: email(who), ordered_at: `${day}T10:00:00+07:00`, channel: 'web', amount: '150000' });
  await ingestRecords(db, 'orders', [
    order('X1', 'x', '2024-06-20'),
    order('Y1', 'y', '2024-03-01'), order('Y2', 'y', '2024-04-01'), order('Y3', 'y', '2024-05-01'),
  ], { actor: 'test', clock });
  return { x, y };
}

async function derivedOf(db: Kysely<Database>, customerId: number) {
  const type = await db.selectFrom('customer_type').select(['types', 'primary_type']).where('customer_id', '=', customerId).executeTakeFirst();
  const rfm = await db.selectFrom('customer_rfm_score').select('customer_id').where('customer_id', '=', customerId).executeTakeFirst();
  const openSpells = await db.selectFrom('customer_type_history').select('type').where('customer_id', '=', customerId).where('left_at', 'is', null).execute();
  const segments = await db.selectFrom('segment_member').select('segment_id').where('customer_id', '=', customerId).execute();
  return { type: type ?? null, hasRfm: rfm !== undefined, openSpells: openSpells.map((row) => row.type).sort(), segments: segments.length };
}

describeEachStore('derived data after merging and undoing', (context) => {
  it('drops the merged customer from types, RFM and segments, reclassifies the kept one, and reclassifies the restored one on undo', async () => {
    const db = context.store.db;
    const { x, y } = await seedBuyers(db, 'derived');
    await analyze(db, { asOf: '2024-06-30', clock });
    await createSegment(db, { name: 'buyers', filter: { field: 'order_count', op: 'gte', value: 1 } }, { actor: 'test', clock });
    const before = { x: await derivedOf(db, x), y: await derivedOf(db, y) };
    expect(before.y).toMatchObject({ hasRfm: true, segments: 1 });
    expect(before.y.type).not.toBeNull();
    const customersBefore = (await reportTypes(db)).customers;

    const { mergeId } = await mergeCustomers(db, x, y, 'test', { clock });
    const merged = { x: await derivedOf(db, x), y: await derivedOf(db, y) };
    expect(merged.y).toEqual({ type: null, hasRfm: false, openSpells: [], segments: 0 });
    const closed = await db.selectFrom('customer_type_history').select(['left_at']).where('customer_id', '=', y).execute();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((spell) => spell.left_at !== null && spell.left_at.getTime() >= mergedAt.getTime())).toBe(true);
    expect((await reportTypes(db)).customers).toBe(customersBefore - 1);
    // the kept customer's types count the orders they gained
    expect(before.x.type).toEqual({ types: ['new'], primary_type: 'new' });
    expect(merged.x).toMatchObject({ type: { types: ['vip', 'regular'], primary_type: 'vip' }, openSpells: ['regular', 'vip'] });

    await undoMerge(db, mergeId, 'test', { clock });
    const undone = { x: await derivedOf(db, x), y: await derivedOf(db, y) };
    expect(undone.y.type).toEqual(before.y.type);
    expect(undone.y.openSpells).toEqual(before.y.openSpells);
    expect(undone.y.segments).toBe(1);
    expect(undone.x.type).toEqual(before.x.type);
    expect((await reportTypes(db)).customers).toBe(customersBefore);
    // and a full analysis of the same day agrees
    await analyze(db, { asOf: '2024-06-30', clock });
    expect({ x: (await derivedOf(db, x)).type, y: (await derivedOf(db, y)).type }).toEqual({ x: undone.x.type, y: undone.y.type });
  });

  it('judges a data set store\'s customers as of the day its data ends, not the wall clock, when merging and undoing', async () => {
    const db = context.store.db;
    const { x, y } = await seedBuyers(db, 'dataset');
    await updateStoreSettings(db, { data_as_of: '2024-06-30T23:59:59.999+07:00' });
    try {
      await analyze(db, { asOf: '2024-06-30', clock });
      const before = await derivedOf(db, y);
      // years after the data ends: as of today everyone would be lapsed
      const today = fixedClock('2026-12-02T08:00:00Z');
      const { mergeId } = await mergeCustomers(db, x, y, 'test', { clock: today });
      expect((await derivedOf(db, x)).type).toEqual({ types: ['vip', 'regular'], primary_type: 'vip' });
      await undoMerge(db, mergeId, 'test', { clock: today });
      expect((await derivedOf(db, y)).type).toEqual(before.type);
      const latestSpell = await db.selectFrom('customer_type_history').select((eb) => eb.fn.max('entered_at').as('at')).where('customer_id', 'in', [x, y]).executeTakeFirstOrThrow();
      expect(new Date(latestSpell.at as Date).getTime()).toBeLessThanOrEqual(new Date('2024-07-01T00:00:00+07:00').getTime());
    } finally {
      await updateStoreSettings(db, { data_as_of: null });
    }
  });
});
