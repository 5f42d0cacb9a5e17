import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { acknowledgeAlert, analyze, reopenAlert } from '../analytics/index.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

const clock = fixedClock('2024-06-30T12:00:00Z');
// every 10 days, last on 3 June: overdue from 24 June (20 days, twice the rhythm, then one more), within the first run's look-back
const regularDays = ['2024-05-04', '2024-05-14', '2024-05-24', '2024-06-03'];

async function seed(db: Kysely<Database>, tag: string, days: { kept: string[]; merged: string[] }) {
  const email = (who: string) => `${tag}.${who}@example.com`;
  const kept = await createCustomer(db, { name: `${tag} K`, email: email('kept') });
  const merged = await createCustomer(db, { name: `${tag} M`, email: email('merged') });
  const order = (who: 'kept' | 'merged', day: string) => ({ order_id: `${tag}-${who}-${day}`, customer_email: email(who), ordered_at: `${day}T10:00:00+07:00`, channel: 'web', amount: '150000' });
  const summary = await ingestRecords(db, 'orders', [...days.kept.map((day) => order('kept', day)), ...days.merged.map((day) => order('merged', day))], { actor: 'test', clock });
  expect(summary.rejected).toBe(0);
  return { kept, merged };
}

/** Each customer's open overdue alerts, by the last purchase they name. */
async function openOverdue(db: Kysely<Database>, customerIds: number[]) {
  const rows = await sql<{ customer_id: number; last: string }>`
    select customer_id, explanation ->> 'lastPurchaseDay' as last from alert
    where kind = 'customer_overdue' and acknowledged_at is null and customer_id = any(${customerIds}::bigint[]) order by customer_id, alert_id`.execute(db);
  return rows.rows.map((row) => [Number(row.customer_id), row.last]);
}

type StoredAlert = { alert_id: number; acknowledged_at: Date | null; acknowledged_by: string | null; explanation: Record<string, unknown> };

/** A customer's overdue alerts, as stored. */
async function overdueAlertsOf(db: Kysely<Database>, customerId: number) {
  const rows = await sql<StoredAlert>`select alert_id, acknowledged_at, acknowledged_by, explanation from alert
    where kind = 'customer_overdue' and customer_id = ${customerId}::bigint order by alert_id`.execute(db);
  return rows.rows.map((row) => ({ ...row, alert_id: Number(row.alert_id) }));
}

const staff = 'user:staff@example.com';

describeEachStore('overdue alerts when two customers are merged', (context) => {
  it('closes the kept customer\'s alert when the merged purchases show they came back, and opens it again on undo', async () => {
    const db = context.store.db;
    const { kept, merged } = await seed(db, 'back', { kept: regularDays, merged: ['2024-06-27'] });
    await analyze(db, { asOf: '2024-06-30', clock });
    expect(await openOverdue(db, [kept, merged])).toEqual([[kept, '2024-06-03']]);

    const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock });
    expect(await openOverdue(db, [kept, merged])).toEqual([]);

    await undoMerge(db, mergeId, 'test', { clock });
    expect(await openOverdue(db, [kept, merged])).toEqual([[kept, '2024-06-03']]);
  });

  it('closes a customer\'s alert at the order that shows they came back, not at the next analysis', async () => {
    const db = context.store.db;
    const { kept } = await seed(db, 'order', { kept: regularDays, merged: [] });
    await analyze(db, { asOf: '2024-06-30', clock });
    expect(await openOverdue(db, [kept])).toEqual([[kept, '2024-06-03']]);

    const order = { order_id: 'order-kept-back', customer_email: 'order.kept@example.com', ordered_at: '2024-06-29T10:00:00+07:00', channel: 'web', amount: '150000' };
    expect((await ingestRecords(db, 'orders', [order], { actor: 'test', clock })).inserted).toBe(1);
    expect(await openOverdue(db, [kept])).toEqual([]);
    const [alert] = await overdueAlertsOf(db, kept);
    expect(alert).toMatchObject({ acknowledged_by: 'system', explanation: { closed: { reason: 'bought_again', day: '2024-06-29' } } });
  });

  // merged on the analysis's day, the kept customer's reclassification raises the alert itself; two days later
  // the overdue day is before the last run, so only the merged-away customer's alert says it
  for (const [when, mergeClock] of [['on the analysis\'s day', clock], ['two days after the analysis\'s day', fixedClock('2024-07-02T12:00:00Z')]] as const) {
    it(`keeps the merged-away customer's open alert as the kept customer's when the combined purchases are overdue, and gives it back on undo (merged ${when})`, async () => {
      const db = context.store.db;
      // one purchase ten days before the other's rhythm: alone one-time, combined regular and overdue
      const { kept, merged } = await seed(db, `carry${mergeClock === clock ? 0 : 1}`, { kept: ['2024-04-24'], merged: regularDays });
      await analyze(db, { asOf: '2024-06-30', clock });
      expect(await openOverdue(db, [kept, merged])).toEqual([[merged, '2024-06-03']]);

      const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock: mergeClock });
      const types = await db.selectFrom('customer_type').select('types').where('customer_id', '=', kept).executeTakeFirstOrThrow();
      expect(types.types).toContain('at_risk');
      expect(await openOverdue(db, [kept, merged])).toEqual([[kept, '2024-06-03']]);

      await undoMerge(db, mergeId, 'test', { clock: mergeClock });
      expect(await openOverdue(db, [kept, merged])).toEqual([[merged, '2024-06-03']]);
    });
  }

  it('leaves one open alert when both were overdue', async () => {
    const db = context.store.db;
    const { kept, merged } = await seed(db, 'both', { kept: regularDays, merged: ['2024-04-03', '2024-04-13', '2024-04-23', '2024-05-03'] });
    await analyze(db, { asOf: '2024-06-30', clock });
    const before = await openOverdue(db, [kept, merged]);

    const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock });
    expect(await openOverdue(db, [kept, merged])).toEqual([[kept, '2024-06-03']]);

    await undoMerge(db, mergeId, 'test', { clock });
    expect(await openOverdue(db, [kept, merged])).toEqual(before);
  });

  it('keeps an alert the merge raised that staff acknowledged, acknowledged by them, ended by the undo', async () => {
    const db = context.store.db;
    const { kept, merged } = await seed(db, 'ackraised', { kept: ['2024-04-24'], merged: regularDays });
    await analyze(db, { asOf: '2024-06-30', clock });
    const later = fixedClock('2024-07-02T12:00:00Z');
    const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock: later });
    const [raised] = await overdueAlertsOf(db, kept);
    await acknowledgeAlert(db, raised.alert_id, staff);
    const [acknowledged] = await overdueAlertsOf(db, kept);

    await undoMerge(db, mergeId, 'test', { clock: later });
    expect(await overdueAlertsOf(db, kept)).toEqual([{
      alert_id: raised.alert_id, acknowledged_at: acknowledged.acknowledged_at, acknowledged_by: staff,
      explanation: { ...raised.explanation, closed: { reason: 'merge_undone', mergeId } },
    }]);
    expect(await openOverdue(db, [kept, merged])).toEqual([[merged, '2024-06-03']]);
  });

  it('leaves alone, on undo, an alert the merge closed that staff reopened and acknowledged since', async () => {
    const db = context.store.db;
    const { kept, merged } = await seed(db, 'ackclosed', { kept: regularDays, merged: ['2024-06-27'] });
    await analyze(db, { asOf: '2024-06-30', clock });
    const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock });
    const [closed] = await overdueAlertsOf(db, kept);
    expect(closed).toMatchObject({ acknowledged_by: 'system', explanation: { closed: { reason: 'bought_again', mergeId } } });
    await reopenAlert(db, closed.alert_id);
    await acknowledgeAlert(db, closed.alert_id, staff);
    const before = await overdueAlertsOf(db, kept);

    await undoMerge(db, mergeId, 'test', { clock });
    expect(await overdueAlertsOf(db, kept)).toEqual(before);
  });

  // the merge closes only open alerts, and sets the merged-away customer's aside as they are
  it('leaves an alert acknowledged before the merge as it was, through the merge and its undo, whichever customer had it', async () => {
    const db = context.store.db;
    const later = fixedClock('2024-07-02T12:00:00Z');
    const pairs = [await seed(db, 'ackkept', { kept: regularDays, merged: ['2024-06-27'] }), await seed(db, 'ackmerged', { kept: ['2024-04-24'], merged: regularDays })];
    await analyze(db, { asOf: '2024-06-30', clock });
    const [keptAlert] = await overdueAlertsOf(db, pairs[0].kept);
    const [mergedAlert] = await overdueAlertsOf(db, pairs[1].merged);
    await acknowledgeAlert(db, keptAlert.alert_id, staff);
    await acknowledgeAlert(db, mergedAlert.alert_id, staff);
    const alertsOf = async () => Promise.all(pairs.flatMap(({ kept, merged }) => [overdueAlertsOf(db, kept), overdueAlertsOf(db, merged)]));
    const before = await alertsOf();
    expect(before.flat().map((alert) => alert.acknowledged_by)).toEqual([staff, staff]);

    for (const { kept, merged } of pairs) {
      const { mergeId } = await mergeCustomers(db, kept, merged, 'test', { clock: later });
      expect(await overdueAlertsOf(db, kept)).toEqual(kept === pairs[0].kept ? before[0] : []);
      await undoMerge(db, mergeId, 'test', { clock: later });
    }
    expect(await alertsOf()).toEqual(before);
  });
});
