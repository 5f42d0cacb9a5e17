import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { hasRowIn, loadStoreWithDerivedRows, oneCustomer, rowsNaming } from '../../test/helpers/derived-rows.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze, listAlerts, reportRfm } from '../analytics/index.js';
import { listPersonas } from '../personas/index.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

/**
 * Columns that may still name a merged-away customer, each with why. Every
 * other column of any table whose name ends in customer_id must hold none of
 * them, so a table added later is checked without being listed here.
 */
const mayStillNameThem = new Set([
  // the customer row itself, marked merged into the kept one: an undo restores it
  'customer.customer_id',
  // the merge record, which an undo reads
  'customer_merge.merged_customer_id',
  // their type spells up to the merge, all closed at it: a report of a period before it counts who they were then
  'customer_type_history.customer_id',
  // their leaving each segment at the merge, recorded like any member's
  'segment_membership_event.customer_id',
  // the proof of what they consented to and when, which stays theirs (the merge's own change is the kept one's)
  'customer_consent_change.customer_id',
]);

type Db = Kysely<Database>;

const has = hasRowIn;
const hasOpenOverdueAlert = sql`exists (select 1 from alert a where a.customer_id = c.customer_id and a.kind = 'customer_overdue' and a.acknowledged_at is null)`;

/** A customer's derived rows as stored, to compare before the merge and after its undo. */
async function derivedRowsOf(db: Db, customerId: number) {
  const rows = async (table: string, order = sql`1`) => (await sql<{ row: unknown }>`
    select to_jsonb(x) as row from ${sql.table(table)} x where x.customer_id = ${customerId}::bigint order by ${order}`.execute(db)).rows.map((row) => row.row);
  return {
    prediction: await rows('customer_prediction'),
    rfm: await rows('customer_rfm_score'),
    alerts: await rows('alert', sql`x.alert_id`),
    types: (await db.selectFrom('customer_type').select(['types', 'numbers']).where('customer_id', '=', customerId).executeTakeFirst()) ?? null,
    persona: (await db.selectFrom('customer_persona').select('persona_id').where('customer_id', '=', customerId).executeTakeFirst()) ?? null,
    segments: (await db.selectFrom('segment_member').select('segment_id').where('customer_id', '=', customerId).orderBy('segment_id').execute()).map((row) => row.segment_id),
  };
}

async function openAlertCustomers(db: Db): Promise<Array<number | null>> {
  return (await listAlerts(db, { status: 'all', limit: 1000 })).alerts.filter((alert) => alert.acknowledgedAt === null).map((alert) => alert.customerId);
}

async function personaSizes(db: Db): Promise<number> {
  return (await listPersonas(db)).personas.reduce((sum, persona) => sum + persona.profile.size, 0);
}

describeEachStore('a merged-away customer\'s derived rows', (context) => {
  const db = () => context.store.db;

  beforeAll(() => loadStoreWithDerivedRows(db(), clock), 240_000);

  it('leaves no row a report, list or count would show for them while merged, and puts back what still stands on undo', async () => {
    const merged = await oneCustomer(db(), sql`${hasOpenOverdueAlert} and ${has('customer_prediction')} and ${has('customer_rfm_score')}`);
    const kept = await oneCustomer(db(), sql`${has('customer_prediction')} and ${has('customer_rfm_score')} and ${has('customer_persona')} and not ${hasOpenOverdueAlert}`, merged);
    const before = { merged: await derivedRowsOf(db(), merged), rfm: (await reportRfm(db())).customers, personas: await personaSizes(db()) };
    expect(await openAlertCustomers(db())).toContain(merged);

    const { mergeId } = await mergeCustomers(db(), kept, merged, 'test', { clock });

    const left = Object.keys(await rowsNaming(db(), [merged])).filter((column) => !mayStillNameThem.has(column));
    expect(left).toEqual([]);
    expect(await openAlertCustomers(db())).not.toContain(merged);
    expect((await listAlerts(db(), { status: 'all', limit: 1000 })).alerts.map((alert) => alert.customerId)).not.toContain(merged);
    // both were scored (and the kept one placed): now one person, counted once
    expect((await reportRfm(db())).customers).toBe(before.rfm - 1);
    // a refusal of profiling by the merged customer is the kept one's now (merge-profile.ts), and personas place only those who agreed
    const mergedConsent = await db().selectFrom('customer').select('consent_profiling').where('customer_id', '=', merged).executeTakeFirstOrThrow();
    const keptLeavesPersona = mergedConsent.consent_profiling === false;
    expect(await personaSizes(db())).toBe(before.personas - (before.merged.persona ? 1 : 0) - (keptLeavesPersona ? 1 : 0));
    expect((await derivedRowsOf(db(), kept)).persona === null).toBe(keptLeavesPersona);

    await undoMerge(db(), mergeId, 'test', { clock });

    const undone = await derivedRowsOf(db(), merged);
    // no analysis or prediction run since the merge: their rows stand as they were, their alerts open again
    expect(undone).toEqual({ ...before.merged, types: undone.types });
    expect(undone.types).toEqual(before.merged.types);
    expect(await openAlertCustomers(db())).toContain(merged);
    expect((await reportRfm(db())).customers).toBe(before.rfm);
    expect(await personaSizes(db())).toBe(before.personas);
  });

  it('leaves a restored customer\'s RFM score to the next analysis when one ranked the store while they were merged', async () => {
    const merged = await oneCustomer(db(), sql`${has('customer_rfm_score')} and ${has('alert')}`);
    const kept = await oneCustomer(db(), has('customer_rfm_score'), merged);
    const before = await derivedRowsOf(db(), merged);
    const { mergeId } = await mergeCustomers(db(), kept, merged, 'test', { clock });
    const asOfDay = '2026-03-02';
    await analyze(db(), { asOf: asOfDay, clock });
    await undoMerge(db(), mergeId, 'test', { clock });

    const undone = await derivedRowsOf(db(), merged);
    // ranked against a store that did not hold them: no score until the next analysis ranks them again
    expect(undone.rfm).toEqual([]);
    expect(undone.alerts).toEqual(before.alerts);
    expect(undone.types).not.toBeNull();
    await analyze(db(), { asOf: asOfDay, clock });
    expect((await derivedRowsOf(db(), merged)).rfm).toHaveLength(1);
  });
});
