import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { addDays, calendarDayIn, systemClock } from '../core/clock.js';
import { analyze } from '../analytics/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';
import { mergeCustomers } from './merge.service.js';
import { customerTimeline } from './timeline.js';

// the store's days end at midnight in Jakarta, hours after now while today lasts
const zone = 'Asia/Jakarta';

describeEachStore('type changes of a day still under way', (context) => {
  it('dates today\'s type changes when the run or the merge after it recorded them, not at the day\'s end, and never after now', async () => {
    const db = context.store.db;
    const today = calendarDayIn(new Date(), zone);
    // half past midnight, or now when the day began less than half an hour ago: an order dated
    // after now is not yet a purchase, and today's would then change no type (a flake 17:00–17:30 UTC)
    const orderedAt = (day: string) => new Date(Math.min(Date.parse(`${day}T00:30:00+07:00`), Date.now())).toISOString();
    const order = (id: string, who: string, day: string) => ({ order_id: id, customer_email: `underway.${who}@example.com`, ordered_at: orderedAt(day), channel: 'web', amount: '150000' });
    const keep = await createCustomer(db, { name: 'Underway Keep', email: 'underway.keep@example.com' });
    const other = await createCustomer(db, { name: 'Underway Other', email: 'underway.other@example.com' });
    await ingestRecords(db, 'orders', [order('UK1', 'keep', addDays(today, -3)), order('UO1', 'other', addDays(today, -40))], { actor: 'test', clock: systemClock });
    await analyze(db, { asOf: addDays(today, -1) });
    // an order batch today, before today's first analysis, changes types at today's end: no run records when
    await ingestRecords(db, 'orders', [order('UO2', 'other', today)], { actor: 'test', clock: systemClock });
    const beforeRun = await customerTimeline(db, other);
    const readAt = Date.now();
    const unrecorded = beforeRun.items.filter((item) => item.kind === 'type_change' && new Date(item.at) > new Date(`${addDays(today, -1)}T17:00:00Z`));
    expect(unrecorded.length).toBeGreaterThan(0);
    for (const item of unrecorded) expect(new Date(item.at).getTime()).toBeLessThanOrEqual(readAt);

    await analyze(db, {});
    const run = await db.selectFrom('analysis_run').select(['started_at', 'as_of']).orderBy('run_id', 'desc').limit(1).executeTakeFirstOrThrow();
    const { mergeId } = await mergeCustomers(db, keep, other, 'test', { clock: systemClock });
    const afterMerge = Date.now();
    const { items } = await customerTimeline(db, keep);
    const todays = items.filter((item) => item.kind === 'type_change' && new Date(item.at) > new Date(`${addDays(today, -1)}T17:00:00Z`));
    expect(todays.length).toBeGreaterThan(0);
    for (const item of todays) {
      expect(new Date(item.at).getTime()).toBeLessThan(new Date(run.as_of).getTime());
      // recorded when the run or the merge after it made the change: not before the run, nor after now
      expect(new Date(item.at).getTime()).toBeGreaterThanOrEqual(new Date(run.started_at).getTime());
      expect(new Date(item.at).getTime()).toBeLessThanOrEqual(afterMerge);
    }
    // what the merge made after the run changed is dated at the merge, recorded in its transaction, not at the run before it
    const merge = items.find((item) => item.kind === 'merge' && item.detail.mergeId === mergeId)!;
    expect(todays.some((item) => new Date(item.at).getTime() === new Date(merge.at).getTime())).toBe(true);
  });
});
