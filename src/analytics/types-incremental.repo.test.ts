import { expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import type { Database } from '../db/schema.js';
import { systemClock } from '../core/clock.js';
import { loadAnalysisContext } from './analysis-context.js';
import { genericPlanSwitch } from '../db/prepared-statement.js';
import { storeCustomerTypes } from './types-incremental.repo.js';
import { recordAnalysisRun } from './types.repo.js';
import { classifyAllCustomers, classifyCustomersIncremental, customerTypeTimeline } from './types.service.js';

async function runTypes(db: Kysely<Database>, asOf: string): Promise<void> {
  await db.transaction().execute(async (transaction) => {
    const context = await loadAnalysisContext(transaction, asOf);
    const result = await classifyAllCustomers(transaction, context);
    await recordAnalysisRun(transaction, { asOf: context.asOf, policy: context.policy, cutoffs: result.cutoffs, counts: {}, startedAt: new Date() });
  });
}

async function derivedState(db: Kysely<Database>) {
  const types = await sql`select customer_id, types, explanation, reasons, numbers, as_of from customer_type order by customer_id`.execute(db);
  const history = await sql`select customer_id, type, entered_at, left_at, reason, numbers from customer_type_history order by customer_id, type, entered_at`.execute(db);
  const alerts = await sql`select kind, scope, window_start, explanation from alert order by scope, window_start`.execute(db);
  return { types: types.rows, history: history.rows, alerts: alerts.rows };
}

const rollback = new Error('rollback');

/** A batch for every customer, judged as of typesAsOf, in a transaction that is rolled back; returns what it wrote. */
async function batchThrough(db: Kysely<Database>, plan: 'planned' | 'prepared') {
  let written: Awaited<ReturnType<typeof derivedState>> | null = null;
  let counts: unknown = null;
  let modes: { switchedFrom: string | null; during: string; after: string } | null = null;
  await db.transaction().execute(async (transaction) => {
    const prepared = plan === 'prepared';
    const context = await loadAnalysisContext(transaction, typesAsOf, systemClock, prepared ? { alongside: genericPlanSwitch() } : {});
    const during = await planCacheMode(transaction);
    counts = await storeCustomerTypes(
      transaction,
      { asOf: context.asOf, timezone: context.settings.timezone, policy: context.policy, customerIds: typesFixture.customerIds, prediction: context.prediction },
      { asOfDay: context.asOf.day, policy: context.policy, cutoffs: context.latestCutoffs, money: context.money },
      prepared ? { prepared: true, previousPlanCacheMode: context.alongside } : { prepared: false },
    );
    modes = { switchedFrom: context.alongside, during, after: await planCacheMode(transaction) };
    written = await derivedState(transaction);
    throw rollback;
  }).catch((error: unknown) => { if (error !== rollback) throw error; });
  return { counts, written: written!, modes: modes! };
}

async function planCacheMode(db: Kysely<Database>): Promise<string> {
  return (await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(db)).rows[0].mode;
}

describeEachStore('keeping types current for a batch', (context) => {
  it('writes the same types, history and alerts through the prepared plan as through one planned for the batch', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, '2026-06-25');
    const before = await derivedState(context.store.db);
    const planned = await batchThrough(context.store.db, 'planned');
    // the first prepares the statement in this session, the second reuses it
    const prepared = await batchThrough(context.store.db, 'prepared');
    const preparedAgain = await batchThrough(context.store.db, 'prepared');
    expect(planned.written).not.toEqual(before);
    expect(planned.counts).toMatchObject({ customers: 13, history: { entered: expect.any(Number), left: expect.any(Number) } });
    expect((planned.counts as { history: { entered: number; left: number } }).history.entered).toBeGreaterThan(0);
    expect((planned.counts as { history: { entered: number; left: number } }).history.left).toBeGreaterThan(0);
    expect(prepared.written).toEqual(planned.written);
    expect(prepared.counts).toEqual(planned.counts);
    expect(preparedAgain.written).toEqual(planned.written);
    expect(planned.modes).toEqual({ switchedFrom: null, during: 'auto', after: 'auto' });
    // the prepared statement is planned generically, and the statement puts the mode back for what follows
    const switched = { switchedFrom: 'auto', during: 'force_generic_plan', after: 'auto' };
    expect(prepared.modes).toEqual(switched);
    expect(preparedAgain.modes).toEqual(switched);
  });

  it('rewinds the history of a batch judged before the latest run, as a full run would', async () => {
    await seedStore(context.store.db, typesFixture);
    await runTypes(context.store.db, '2026-06-25');
    await runTypes(context.store.db, typesAsOf);
    expect((await customerTypeTimeline(context.store.db, 5)).timeline.map((entry) => [entry.type, entry.leftAt === null])).toEqual([['vip', true], ['regular', false], ['at_risk', true]]);
    const result = await classifyCustomersIncremental(context.store.db, [5], '2026-06-25');
    expect(result.customers).toBe(1);
    const rewound = await customerTypeTimeline(context.store.db, 5);
    expect(rewound.timeline.map((entry) => [entry.type, entry.leftAt])).toEqual([['vip', null], ['regular', null]]);
    expect(rewound.current?.types).toEqual(['vip', 'regular']);
  });
});
