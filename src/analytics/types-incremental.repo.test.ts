import { expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import type { Database } from '../db/schema.js';
import { loadAnalysisContext } from './analysis-context.js';
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
  const types = await sql`select customer_id, types, numbers, as_of from customer_type order by customer_id`.execute(db);
  const history = await sql`select customer_id, type, entered_at, left_at, numbers from customer_type_history order by customer_id, type, entered_at`.execute(db);
  const alerts = await sql`select kind, scope, window_start, explanation from alert order by scope, window_start`.execute(db);
  return { types: types.rows, history: history.rows, alerts: alerts.rows };
}

const rollback = new Error('rollback');

type PlanCounts = { generic: number; custom: number };

/** A batch for every customer, judged as of typesAsOf, in a transaction that is rolled back; returns what it wrote. */
async function batchThrough(db: Kysely<Database>, plan: 'planned' | 'prepared', customerIds: number[] = typesFixture.customerIds) {
  let written: Awaited<ReturnType<typeof derivedState>> | null = null;
  let counts: unknown = null;
  let modes: { during: string; after: string } | null = null;
  let plans: PlanCounts | null = null;
  await db.transaction().execute(async (transaction) => {
    const context = await loadAnalysisContext(transaction, typesAsOf);
    const during = await planCacheMode(transaction);
    counts = await storeCustomerTypes(
      transaction,
      { asOf: context.asOf, timezone: context.settings.timezone, policy: context.policy, customerIds, prediction: context.prediction },
      { asOfDay: context.asOf.day, policy: context.policy, cutoffs: context.latestCutoffs },
      { prepared: plan === 'prepared' },
    );
    modes = { during, after: await planCacheMode(transaction) };
    plans = await incrementalStatementPlans(transaction);
    written = await derivedState(transaction);
    throw rollback;
  }).catch((error: unknown) => { if (error !== rollback) throw error; });
  return { counts, written: written!, modes: modes!, plans: plans! };
}

async function planCacheMode(db: Kysely<Database>): Promise<string> {
  return (await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(db)).rows[0].mode;
}

/** How the session's prepared ingest statement has been planned so far. */
async function incrementalStatementPlans(db: Kysely<Database>): Promise<PlanCounts> {
  const result = await sql<PlanCounts>`
    select coalesce(sum(generic_plans), 0)::int as generic, coalesce(sum(custom_plans), 0)::int as custom
    from pg_prepared_statements where statement like '%with classified as materialized%'`.execute(db);
  return result.rows[0];
}

/** The text of the session's latest prepared ingest statement. */
async function incrementalStatementText(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ statement: string }>`
    select statement from pg_prepared_statements where statement like '%with classified as materialized%' order by prepare_time desc limit 1`.execute(db);
  expect(result.rows).toHaveLength(1);
  return result.rows[0].statement;
}

describeEachStore('keeping types current for a batch', (context) => {
  it('writes the same types, history and alerts through the prepared plan as through one planned for the batch', async () => {
    // one connection throughout, so every batch finds the statement its session prepared
    await context.store.db.connection().execute(async (db) => {
      await seedStore(db, typesFixture);
      await runTypes(db, '2026-06-25');
      const before = await derivedState(db);
      const planned = await batchThrough(db, 'planned');
      const prepared = [await batchThrough(db, 'prepared'), await batchThrough(db, 'prepared')];
      expect(planned.written).not.toEqual(before);
      expect(planned.counts).toMatchObject({ customers: 13, history: { entered: expect.any(Number), left: expect.any(Number) } });
      expect((planned.counts as { history: { entered: number; left: number } }).history.entered).toBeGreaterThan(0);
      expect((planned.counts as { history: { entered: number; left: number } }).history.left).toBeGreaterThan(0);
      for (const run of prepared) {
        expect(run.written).toEqual(planned.written);
        expect(run.counts).toEqual(planned.counts);
        // nothing switches the session's plan mode: the statement's ids are hidden from the planner instead
        expect(run.modes).toEqual({ during: 'auto', after: 'auto' });
      }
    });
  });

  it('writes the same types, history and alerts for a single customer through its own statement as through the batch\'s', async () => {
    await context.store.db.connection().execute(async (db) => {
      await seedStore(db, typesFixture);
      await runTypes(db, '2026-06-25');
      let changed = 0;
      for (const customerId of typesFixture.customerIds) {
        // planned for the batch, the id is bound as an array; prepared, a single id is compared as one value
        const planned = await batchThrough(db, 'planned', [customerId]);
        const prepared = await batchThrough(db, 'prepared', [customerId]);
        expect(prepared.written).toEqual(planned.written);
        expect(prepared.counts).toEqual(planned.counts);
        const counts = planned.counts as { history: { entered: number; left: number } };
        changed += counts.history.entered + counts.history.left;
      }
      expect(changed).toBeGreaterThan(0);
      expect(await incrementalStatementText(db)).toMatch(/= \(select \(\$\d+::bigint\[\]\)\[1\]\)/);
    });
  });

  // (the bench shows why it matters: at 100k customers, with the ids in plain sight, PostgreSQL
  // made a plan for every single-order batch, 2.5 ms each against 0.55 ms through the generic one)
  it('settles on one plan for single-order batches after five made for their values', async () => {
    await context.store.db.connection().execute(async (db) => {
      await seedStore(db, typesFixture);
      await runTypes(db, '2026-06-25');
      // counted from here: the session may have prepared the statement for an earlier test
      const start = await incrementalStatementPlans(db);
      const runs = [];
      for (const customerId of typesFixture.customerIds.slice(0, 8)) runs.push(await batchThrough(db, 'prepared', [customerId]));
      const last = runs.at(-1)!.plans;
      // at most five plans made for the values; from then on the one generic plan, batch after batch
      expect(last.custom - start.custom).toBeLessThanOrEqual(5);
      expect(last.generic - runs.at(-4)!.plans.generic).toBe(3);
      expect(last.custom + last.generic - start.custom - start.generic).toBe(8);
      // what makes it settle on a store of any size: the planner never sees the batch's ids, every
      // bound id array is an init plan, the single id taken from it too (on this small fixture any
      // plan would do, so check the text)
      const text = await incrementalStatementText(db);
      const arrays = text.match(/\$\d+::bigint\[\]/g) ?? [];
      const hidden = text.match(/\(select \$\d+::bigint\[\]\)::bigint\[\]/g) ?? [];
      const single = text.match(/= \(select \(\$\d+::bigint\[\]\)\[1\]\)/g) ?? [];
      expect(single.length).toBeGreaterThanOrEqual(8);
      expect(hidden.length + single.length).toBe(arrays.length);
    });
  });

  it('raises the overdue alert due today from a batch whose types did not change', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    // customer 5 is overdue from typesAsOf: the full run raised the alert; without it, a batch must
    await runTypes(db, typesAsOf);
    await sql`delete from alert where kind = 'customer_overdue'`.execute(db);
    const spells = await sql`select * from customer_type_history order by history_id`.execute(db);
    await classifyCustomersIncremental(db, [5], typesAsOf);
    const alerts = await sql<{ customer_id: number }>`select customer_id from alert where kind = 'customer_overdue'`.execute(db);
    expect(alerts.rows.map((row) => Number(row.customer_id))).toEqual([5]);
    expect((await sql`select * from customer_type_history order by history_id`.execute(db)).rows).toEqual(spells.rows);
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
