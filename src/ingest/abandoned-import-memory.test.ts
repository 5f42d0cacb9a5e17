import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from './ingest-batch.service.js';
import { openImportRun } from './open-import-runs.service.js';

// An open API run (the web app's import) that is never closed cannot forget what its batches
// remembered: any import starting forgets it once the run is no longer alive (ten minutes without a
// batch), so that memory never outlives a dead run past the next import, CLI or not; a live run's stays.
describeEachStore('what an abandoned import run remembered', (context) => {
  const db = () => context.store.db;
  const clock = fixedClock('2025-01-01T00:00:00Z');
  const actor = 'abandoned-memory';
  const remembered = async (importId: number) => {
    const result = await sql<{ texts: number; refs: number; given: number }>`select
      (select count(*)::int from import_row_text where import_id = ${importId}::bigint) as texts,
      (select count(*)::int from import_seen_ref where import_id = ${importId}::bigint) as refs,
      (select count(*)::int from import_given where import_id = ${importId}::bigint) as given`.execute(db());
    return result.rows[0];
  };
  // a run of orders and one of customers, each with a batch sent (and so something remembered)
  const runsWithMemory = async (tag: string) => {
    const orders = (await openImportRun(db(), { entity: 'orders', fileName: 'orders.csv', actor })).import_id;
    await ingestRecords(db(), 'orders', [{ order_id: `${tag}-O1`, customer_email: `${tag}-o1@example.com`, ordered_at: '2024-06-01T10:00:00Z', amount: '10' }],
      { importId: orders, lines: [2], actor, clock });
    const customers = (await openImportRun(db(), { entity: 'customers', fileName: 'customers.csv', actor })).import_id;
    await ingestRecords(db(), 'customers', [{ customer_id: `${tag}-C1`, email: `${tag}-c1@example.com`, first_name: 'Ann' }],
      { importId: customers, lines: [2], actor, clock });
    const memory = { orders: await remembered(orders), customers: await remembered(customers) };
    expect(memory.orders.texts).toBe(1);
    expect(memory.customers.refs).toBeGreaterThan(0);
    expect(memory.customers.given).toBeGreaterThan(0);
    return { orders, customers, memory };
  };
  const abandon = (importId: number) => sql`update import_run set heartbeat_at = now() - interval '11 minutes' where import_id = ${importId}::bigint`.execute(db());

  it('forgets it when an open run starts', async () => {
    const dead = await runsWithMemory('AB1');
    await abandon(dead.orders);
    await abandon(dead.customers);
    await openImportRun(db(), { entity: 'events', fileName: 'events.csv', actor });
    expect(await remembered(dead.orders)).toEqual({ texts: 0, refs: 0, given: 0 });
    expect(await remembered(dead.customers)).toEqual({ texts: 0, refs: 0, given: 0 });
  });

  it('forgets it when a one-request import starts', async () => {
    const dead = await runsWithMemory('AB2');
    await abandon(dead.orders);
    await abandon(dead.customers);
    await ingestRecords(db(), 'customers', [{ customer_id: 'AB2-X1', email: 'ab2-x1@example.com' }], { actor, clock });
    expect(await remembered(dead.orders)).toEqual({ texts: 0, refs: 0, given: 0 });
    expect(await remembered(dead.customers)).toEqual({ texts: 0, refs: 0, given: 0 });
  });

  it('keeps a live open run\'s while others start, forgetting only a dead one\'s', async () => {
    const live = await runsWithMemory('AB3');
    const dead = await runsWithMemory('AB4');
    await abandon(dead.orders);
    await openImportRun(db(), { entity: 'orders', fileName: 'other.csv', actor });
    await ingestRecords(db(), 'orders', [{ order_id: 'AB3-X1', customer_email: 'ab3-x1@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '5' }], { actor, clock });
    expect(await remembered(live.orders)).toEqual(live.memory.orders);
    expect(await remembered(live.customers)).toEqual(live.memory.customers);
    expect(await remembered(dead.customers)).toEqual(dead.memory.customers);
    expect(await remembered(dead.orders)).toEqual({ texts: 0, refs: 0, given: 0 });
  });
});
