import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { seedMergePair } from '../../test/helpers/merge-pair.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { systemClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { mergeCustomers, undoMerge } from './merge.service.js';
import { customerTimeline } from './timeline.js';

async function spellsOf(db: Kysely<Database>, customerId: number) {
  const rows = await db.selectFrom('customer_type_history').select(['type', 'entered_at', 'left_at'])
    .where('customer_id', '=', customerId).orderBy('entered_at').orderBy('type').execute();
  return rows.map((row) => `${row.type} ${row.entered_at.toISOString()}–${row.left_at?.toISOString() ?? ''}`);
}

async function typeRowsOf(db: Kysely<Database>, customerId: number) {
  const { items } = await customerTimeline(db, customerId);
  return items.filter((item) => item.kind === 'type_change').map((item) => `${item.title} ${new Date(item.at).toISOString()}`);
}

/** Keep bought every ten days until a hundred days ago, so is at risk today; Other bought two days ago. */
const seedOverdueKeep = (db: Kysely<Database>, tag: string) => seedMergePair(db, tag, { keep: [130, 120, 110, 100], other: [2] });

describeEachStore('type history after a merge is undone', (context) => {
  it('reads as before the merge for both customers, with no spells the merge opened and the undo closed', async () => {
    const db = context.store.db;
    const { keep, other } = await seedOverdueKeep(db, 'rejoin');
    const before = { keep: await spellsOf(db, keep), other: await spellsOf(db, other), keepRows: await typeRowsOf(db, keep) };
    expect(before.keep.some((spell) => spell.startsWith('at_risk') && spell.endsWith('–'))).toBe(true);

    const { mergeId } = await mergeCustomers(db, keep, other, 'test', { clock: systemClock });
    // the merge did change the kept customer's type, or there would be nothing to undo
    expect(await spellsOf(db, keep)).not.toEqual(before.keep);
    await undoMerge(db, mergeId, 'test', { clock: systemClock });

    expect(await spellsOf(db, keep)).toEqual(before.keep);
    expect(await spellsOf(db, other)).toEqual(before.other);
    expect(await typeRowsOf(db, keep)).toEqual(before.keepRows);
  });

  it('keeps a type change made between the merge and its undo', async () => {
    const db = context.store.db;
    const { keep, other, order } = await seedOverdueKeep(db, 'between');
    const { mergeId } = await mergeCustomers(db, keep, other, 'test', { clock: systemClock });
    const afterMerge = await db.selectFrom('customer_type_history').select(['history_id', 'type', 'left_at']).where('customer_id', '=', keep).execute();
    // the kept customer's own purchases of the last months arrive: every ten days makes them regular, a real change
    await ingestRecords(db, 'orders', [90, 80, 70, 60, 50, 40, 30, 20, 10].map((daysAgo) => order(`K${daysAgo}`, 'keep', daysAgo)), { actor: 'test', clock: systemClock });
    const afterOrder = await db.selectFrom('customer_type_history').select(['history_id', 'type', 'entered_at', 'left_at']).where('customer_id', '=', keep).execute();
    const opened = afterOrder.filter((spell) => !afterMerge.some((earlier) => earlier.history_id === spell.history_id));
    const closed = afterOrder.filter((spell) => spell.left_at !== null && afterMerge.some((earlier) => earlier.history_id === spell.history_id && earlier.left_at === null));
    expect(opened.length + closed.length).toBeGreaterThan(0);

    await undoMerge(db, mergeId, 'test', { clock: systemClock });
    const afterUndo = await db.selectFrom('customer_type_history').select(['history_id', 'left_at']).where('customer_id', '=', keep).execute();
    for (const spell of opened) expect(afterUndo.some((kept) => kept.history_id === spell.history_id)).toBe(true);
    for (const spell of closed) expect(afterUndo.find((kept) => kept.history_id === spell.history_id)?.left_at).toEqual(spell.left_at);
  });
});
