import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { addDays, calendarDayIn, fixedClock } from '../core/clock.js';
import { analyze, customerTypeTimeline } from '../analytics/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { customerTimeline } from './timeline.js';

// the store's days end at midnight in Jakarta, hours after now while today lasts
const zone = 'Asia/Jakarta';

describeEachStore('a type change an order batch records today', (context) => {
  it('is dated when the batch recorded it, the same by the types and the timeline, with the reason worked out then', async () => {
    const db = context.store.db;
    const clock = fixedClock(new Date());
    const today = calendarDayIn(clock.now(), zone);
    const orderedAt = new Date(Date.parse(`${addDays(today, -3)}T10:00:00+07:00`)).toISOString();
    await ingestRecords(db, 'orders', [{ order_id: 'RA1', customer_email: 'recorded.buyer@example.com', ordered_at: orderedAt, amount: '150000' }], { actor: 'test', clock });
    await analyze(db, { clock });
    const run = await db.selectFrom('analysis_run').select(['started_at', 'as_of']).orderBy('run_id', 'desc').limit(1).executeTakeFirstOrThrow();

    const before = Date.now();
    await ingestRecords(db, 'customers', [{ customer_id: 'RA-LEAD', email: 'recorded.lead@example.com', name: 'Recorded Lead' }], { actor: 'test', clock });
    const after = Date.now();
    const lead = await db.selectFrom('customer').select(['customer_id', 'created_at']).where('email', '=', 'recorded.lead@example.com').executeTakeFirstOrThrow();
    // interest from before, sent after the customer: the spell keeps the reason its batch worked out
    await ingestRecords(db, 'events', [{ event_id: 'RA-E1', customer_id: 'RA-LEAD', occurred_at: orderedAt, kind: 'signup', channel: 'web' }], { actor: 'test', clock });

    const types = await customerTypeTimeline(db, Number(lead.customer_id));
    const spell = types.timeline.find((entry) => entry.type === 'lead')!;
    const { items } = await customerTimeline(db, Number(lead.customer_id));
    const change = items.find((item) => item.kind === 'type_change' && item.detail.type === 'lead')!;
    expect(new Date(change.at).toISOString()).toBe(spell.enteredAt);
    const at = Date.parse(spell.enteredAt);
    expect(at).toBeGreaterThanOrEqual(Math.max(before - 1000, new Date(lead.created_at).getTime()));
    expect(at).toBeLessThanOrEqual(after);
    expect(at).toBeGreaterThan(new Date(run.started_at).getTime());
    expect(at).toBeLessThan(new Date(run.as_of).getTime());
    expect(spell.reason).toBe('Lead: no verified purchase yet, no sign of interest recorded');
    expect(change.detail.reason).toBe(spell.reason);
    expect(types.current?.explanation).toContain(`first interest ${addDays(today, -3)}`);
  });

  it('dates a change of a customer the day\'s analysis typed after that analysis, when their next order came', async () => {
    const db = context.store.db;
    const clock = fixedClock(new Date());
    const today = calendarDayIn(clock.now(), zone);
    const order = (id: string, day: string) => ({ order_id: id, customer_email: 'recorded.again@example.com', ordered_at: new Date(Date.parse(`${day}T10:00:00+07:00`)).toISOString(), amount: '90000' });
    await ingestRecords(db, 'orders', [order('RB1', addDays(today, -200))], { actor: 'test', clock });
    await analyze(db, { clock });
    const run = await db.selectFrom('analysis_run').select(['started_at', 'as_of']).orderBy('run_id', 'desc').limit(1).executeTakeFirstOrThrow();
    const before = Date.now();
    await ingestRecords(db, 'orders', [order('RB2', addDays(today, -1))], { actor: 'test', clock });
    const after = Date.now();
    const customer = await db.selectFrom('customer').select('customer_id').where('email', '=', 'recorded.again@example.com').executeTakeFirstOrThrow();
    const types = await customerTypeTimeline(db, Number(customer.customer_id));
    const { items } = await customerTimeline(db, Number(customer.customer_id));
    const lapsed = types.timeline.find((entry) => entry.type === 'lapsed')!;
    expect(lapsed.leftAt).not.toBeNull();
    const left = items.find((item) => item.kind === 'type_change' && item.detail.type === 'lapsed' && item.detail.change === 'left')!;
    expect(new Date(left.at).toISOString()).toBe(lapsed.leftAt);
    expect(Date.parse(lapsed.leftAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(lapsed.leftAt!)).toBeLessThanOrEqual(after);
    expect(Date.parse(lapsed.enteredAt)).toBeLessThanOrEqual(new Date(run.started_at).getTime() + 60_000);
    expect(Date.parse(lapsed.enteredAt)).toBeLessThan(new Date(run.as_of).getTime());
  });
});
