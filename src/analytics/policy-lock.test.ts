import { expect, it } from 'vitest';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { createTestStore, describeEachStoreOpenedBy } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { openStore, type Store, type StoreKind } from '../db/client.js';
import { storeLockKeys } from '../db/lock-keys.js';
import { migrate } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { analyze } from './analyze.service.js';
import { writeTypePolicySetting } from './settings.repo.js';
import { classifyCustomersIncremental, getTypePolicy, presetTypePolicy, setTypePolicy } from './types.service.js';
import { lockStoreForTransaction } from '../db/lock-keys.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { mergeCustomers, undoMerge } from '../customers/merge.service.js';

/** A second handle on the same server store: another process's pool. The embedded store has one process. */
const otherProcesses = new Map<StoreKind, Store>();

async function openTwice(kind: StoreKind): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (kind === 'embedded') return createTestStore(kind);
  const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
  const store = await openStore(scratch.url);
  await migrate(store);
  const other = await openStore(scratch.url);
  otherProcesses.set(kind, other);
  return {
    store,
    dispose: async () => {
      await other.close();
      await store.close();
      await scratch.drop();
    },
  };
}

/** A table lock held by a transaction of its own until released: a statement of the work under test waits for it. */
async function holdTableLock(db: Kysely<Database>, statement: RawBuilder<unknown>): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let taken!: () => void;
  const isTaken = new Promise<void>((resolve) => { taken = resolve; });
  const held = db.transaction().execute(async (transaction) => {
    await statement.execute(transaction);
    taken();
    await released;
  });
  await Promise.race([isTaken, held]);
  return { release: async () => { release(); await held; } };
}

/** This store's sessions waiting for a lock on its table in `mode`. */
function tableLockWaiting(table: string, mode: string): RawBuilder<unknown> {
  return sql`select pid from pg_locks where not granted and relation = to_regclass(${table}::text) and mode = ${mode}::text`;
}

async function countOf(db: Kysely<Database>, pids: RawBuilder<unknown>): Promise<number> {
  return (await sql<{ count: number }>`select count(*)::int as count from (${pids}) p`.execute(db)).rows[0].count;
}

/**
 * Sessions waiting for this store's type policy lock (keyed by its schema) behind one of `holders`.
 */
function policyLockWaitingBehind(holders: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select l.pid from pg_locks l where l.locktype = 'advisory' and not l.granted and l.classid = ${storeLockKeys.typePolicy}::int::oid
    and l.objid = hashtext(current_schema())::oid and l.objsubid = 2 and exists (select 1 from (${holders}) h where h.pid = any(pg_blocking_pids(l.pid)))`;
}

async function latestRun(db: Kysely<Database>) {
  const result = await sql<{ policy: { vip: { topPercent: number } }; vip_revenue_cutoff_minor: string | null; real_customer_count: number }>`
    select policy, vip_revenue_cutoff_minor, real_customer_count from analysis_run order by run_id desc limit 1`.execute(db);
  const row = result.rows[0];
  return { topPercent: row.policy.vip.topPercent, revenueCutoffMinor: row.vip_revenue_cutoff_minor === null ? null : Number(row.vip_revenue_cutoff_minor) };
}

async function vipCustomers(db: Kysely<Database>): Promise<number[]> {
  const result = await sql<{ customer_id: string }>`select customer_id from customer_type where 'vip' = any(types) order by customer_id`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

async function typesOf(db: Kysely<Database>, customerId: number) {
  const result = await sql<{ types: string[]; numbers: { vip?: { topPercent: number } } }>`select types, numbers from customer_type where customer_id = ${customerId}::bigint`.execute(db);
  return result.rows[0];
}

async function policyAudit(db: Kysely<Database>) {
  const result = await sql<{ actor: string; detail: unknown }>`select actor, detail from audit_event where action = 'analytics.policy.update' order by audit_id`.execute(db);
  return result.rows;
}

// typesFixture's nine real customers by revenue in the VIP window: 5 (4 310 000), 7 (1 200 000), 4 (800 000), 6 (200 000), then 150 000 and less;
// the top 40% are the first four (cut-off 200 000), the top 5% customer 5 alone (cut-off 4 310 000)
describeEachStoreOpenedBy('the type policy changed and applied from several processes', openTwice, (context) => {
  it('keeps both of two thresholds changed at the same moment, each audited as it was changed', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    await analyze(db, { asOf: typesAsOf });
    const other = otherProcesses.get(context.kind)?.db;
    let changes: Array<ReturnType<typeof setTypePolicy>>;
    if (other) {
      // both changes held before they store the policy: without the lock, each has read it by then
      const held = await holdTableLock(db, sql`lock table store_setting in exclusive mode`);
      try {
        changes = [setTypePolicy(db, { vip: { topPercent: 3 } }, { actor: 'a@example.com' }), setTypePolicy(other, { lapsed: { quietDays: 120 } }, { actor: 'b@example.com' })];
        changes.forEach((change) => change.catch(() => undefined));
        // without the lock both wait to write the setting; with it one does, the other waits for the lock behind it
        const settingWriters = tableLockWaiting('store_setting', 'RowExclusiveLock');
        await expect.poll(async () => await countOf(db, settingWriters) + await countOf(db, policyLockWaitingBehind(settingWriters)), { timeout: 20_000 }).toBe(2);
      } finally {
        await held.release();
      }
    } else {
      // one connection: the second change's transaction waits for the first's (outside them, both would read the policy before either stored it)
      changes = [setTypePolicy(db, { vip: { topPercent: 3 } }, { actor: 'a@example.com' }), setTypePolicy(db, { lapsed: { quietDays: 120 } }, { actor: 'b@example.com' })];
    }
    const [first, second] = await Promise.all(changes);
    expect(first.policy.vip.topPercent).toBe(3);
    expect(second.policy.lapsed.quietDays).toBe(120);
    expect(await getTypePolicy(db)).toMatchObject({ vip: { topPercent: 3 }, lapsed: { quietDays: 120 } });
    // the change committed last merged into the other's and answers with both
    expect([first, second].some((result) => result.policy.vip.topPercent === 3 && result.policy.lapsed.quietDays === 120)).toBe(true);
    expect(await latestRun(db)).toMatchObject({ topPercent: 3 });
    expect((await policyAudit(db)).map((entry) => [entry.actor, entry.detail]).sort()).toEqual([
      ['a@example.com', { thresholds: { 'vip.topPercent': { from: 5, to: 3 } } }],
      ['b@example.com', { thresholds: { 'lapsed.quietDays': { from: 180, to: 120 } } }],
    ]);
  });

  it('judges an order batch by the policy the latest run found its cut-offs by, never their share against another policy', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    await presetTypePolicy(db, { vip: { topPercent: 40 } });
    await analyze(db, { asOf: typesAsOf });
    expect(await vipCustomers(db)).toEqual([4, 5, 6, 7]);
    const byRun = await typesOf(db, 6);
    // the policy stored since without a run of it (a process of a version without the policy lock racing the run)
    const inForce = await getTypePolicy(db);
    await writeTypePolicySetting(db, { ...inForce, vip: { ...inForce.vip, topPercent: 5 } });
    await sql`delete from customer_type where customer_id = 6`.execute(db);
    await classifyCustomersIncremental(db, [6], typesAsOf);
    // as the run judged everyone else, not "top 44% (5% asked for)"
    expect(await typesOf(db, 6)).toEqual(byRun);
    expect(byRun.numbers.vip?.topPercent).toBe(40);
  });

  // Two transactions at once need a server: the embedded store's one connection runs them one after the other.
  if (context.kind === 'server') {
    it('records a run racing a policy change with the policy in force when it commits, and batches judge by it after', async () => {
      const db = context.store.db;
      const other = otherProcesses.get(context.kind)!.db;
      await seedStore(db, typesFixture);
      await presetTypePolicy(db, { vip: { topPercent: 40 } });
      await analyze(db, { asOf: typesAsOf });
      expect(await latestRun(db)).toEqual({ topPercent: 40, revenueCutoffMinor: 200_000 });
      // the other process's analysis has read the policy and classified (the same day again: no row to write) and waits to store RFM
      const held = await holdTableLock(db, sql`lock table customer_rfm_score in exclusive mode`);
      let run: ReturnType<typeof analyze> | undefined;
      let change: ReturnType<typeof setTypePolicy> | undefined;
      try {
        run = analyze(other, { asOf: typesAsOf, raisesAlerts: false });
        run.catch(() => undefined);
        const rfmWriter = tableLockWaiting('customer_rfm_score', 'RowExclusiveLock');
        await expect.poll(() => countOf(db, rfmWriter), { timeout: 20_000 }).toBe(1);
        let isChanged = false;
        change = setTypePolicy(db, { vip: { topPercent: 5 } });
        change.then(() => { isChanged = true; }, () => { isChanged = true; });
        // without the lock the change commits beside the run; with it, it waits for the run to end
        await expect.poll(async () => isChanged || await countOf(db, policyLockWaitingBehind(rfmWriter)) > 0, { timeout: 20_000 }).toBe(true);
      } finally {
        await held.release();
      }
      await Promise.all([run, change]);
      expect((await getTypePolicy(db)).vip.topPercent).toBe(5);
      const recorded = await latestRun(db);
      expect(recorded).toEqual({ topPercent: 5, revenueCutoffMinor: 4_310_000 });
      expect(await vipCustomers(db)).toEqual([5]);
      // an order batch judges customer 4 by the cut-off of the policy in force
      await classifyCustomersIncremental(db, [4], typesAsOf);
      expect((await typesOf(db, 4)).types).not.toContain('vip');
      // and a full run finds what the latest run recorded
      const again = await analyze(db, { asOf: typesAsOf });
      expect(again.vipCutoffs.revenueMinor).toBe(recorded.revenueCutoffMinor);
      expect(await vipCustomers(db)).toEqual([5]);
    });

    it('keeps an order batch, a merge and its undo waiting while a policy change is under way', async () => {
      const db = context.store.db;
      const other = otherProcesses.get(context.kind)!.db;
      await seedStore(db, typesFixture);
      await presetTypePolicy(db, { vip: { topPercent: 40 } });
      await analyze(db, { asOf: typesAsOf });
      // the fixture's customers were written with their ids: new ones are numbered after them
      await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), 100)`.execute(db);
      const clock = fixedClock(new Date(`${typesAsOf}T12:00:00Z`));
      let mergeId = 0;
      const work: Array<[string, () => Promise<unknown>]> = [
        ['batch', () => ingestRecords(db, 'orders', [{ order_id: 'LOCK-1', customer_email: 'lock@example.com', ordered_at: `${typesAsOf}T10:00:00Z`, amount: '50000' }], { actor: 'test', clock })],
        ['merge', async () => { ({ mergeId } = await mergeCustomers(db, 8, 10, 'test', { clock })); }],
        ['undo', () => undoMerge(db, mergeId, 'test', { clock })],
      ];
      for (const [name, start] of work) {
        // another process's policy change, between taking the lock and committing
        let release!: () => void;
        const released = new Promise<void>((resolve) => { release = resolve; });
        let holding!: (pid: number) => void;
        const holder = new Promise<number>((resolve) => { holding = resolve; });
        const change = other.transaction().execute(async (transaction) => {
          await lockStoreForTransaction(transaction, storeLockKeys.typePolicy);
          holding((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(transaction)).rows[0].pid);
          await released;
        });
        const pid = await holder;
        let isDone = false;
        const running = start().then(() => { isDone = true; });
        running.catch(() => undefined);
        try {
          // without the lock it commits beside the change, typing its customers by the policy being replaced
          await expect.poll(async () => isDone || await countOf(db, policyLockWaitingBehind(sql`select ${pid}::int as pid`)), { timeout: 20_000 }).toBe(1);
          expect(isDone, name).toBe(false);
        } finally {
          release();
          await change;
        }
        await running;
      }
      expect(await sql`select 1 from customer_order o join customer_identity i using (customer_id) where i.value = 'lock@example.com'`.execute(db)).toMatchObject({ rows: [{}] });
    });
  }
});
