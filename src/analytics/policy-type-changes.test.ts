import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';
import { seedStore, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { addDays, fixedClock, systemClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { analyze } from './analyze.service.js';
import { setTypePolicy } from './types.service.js';

const asOf = '2026-06-30';
const clock = fixedClock('2026-12-31T00:00:00Z');

// twenty one-order buyers: customer i bought once, 5i − 2 days before the as-of day, for i × 1,000.
// New within 30 days: 1–6; within 40: 1–8. VIP, top 5% of 20 by revenue: 20; top 10%: 19 and 20.
const store: SeedStore = {
  customerIds: Array.from({ length: 20 }, (_, i) => i + 1),
  orders: Array.from({ length: 20 }, (_, i) => ({ customerId: i + 1, day: addDays(asOf, -(5 * (i + 1) - 2)), amountMinor: (i + 1) * 1000 })),
};

describeEachStore('a policy change says whose types it changed', (context) => {
  const db = () => context.store.db;
  const auditOf = async () => (await sql<{ detail: unknown }>`select detail from audit_event where action = 'analytics.policy.update' order by audit_id`.execute(db())).rows.map((row) => row.detail);
  const holding = async (type: string) => (await sql<{ count: number }>`select count(*)::int as count from customer_type where ${type}::text = any(types)`.execute(db())).rows[0].count;

  it('counts the customers who took and gave up each type, and audits each threshold from → to', async () => {
    await seedStore(db(), store);
    await analyze(db(), { asOf, clock });
    expect([await holding('new'), await holding('vip')]).toEqual([6, 1]);

    const wider = await setTypePolicy(db(), { newWithinDays: 40, vip: { topPercent: 10 } }, { actor: 'test', clock });
    expect([await holding('new'), await holding('vip')]).toEqual([8, 2]);
    expect(wider).toMatchObject({ reclassified: 20, asOf });
    // customers 7 and 8 become new (and stop being one-time buyers); 19 becomes VIP
    expect(wider.typeChanges.find((move) => move.type === 'new')).toEqual({ type: 'new', entered: 2, left: 0 });
    expect(wider.typeChanges.find((move) => move.type === 'vip')).toEqual({ type: 'vip', entered: 1, left: 0 });
    expect(wider.typesChanged).toBe(3);
    expect(await auditOf()).toEqual([{ thresholds: { newWithinDays: { from: 30, to: 40 }, 'vip.topPercent': { from: 5, to: 10 } } }]);

    // back on the same day: the same customers move the other way, and a threshold sent unchanged is not recorded
    const back = await setTypePolicy(db(), { newWithinDays: 40, vip: { topPercent: 5 } }, { actor: 'test', clock });
    expect(back.typeChanges.find((move) => move.type === 'vip')).toEqual({ type: 'vip', entered: 0, left: 1 });
    expect(back.typeChanges.find((move) => move.type === 'new')).toBeUndefined();
    expect(back.typesChanged).toBe(1);
    expect((await auditOf()).at(-1)).toEqual({ thresholds: { 'vip.topPercent': { from: 10, to: 5 } } });
  });

  it('writes no audit entry and counts no change for a save that changes nothing', async () => {
    await seedStore(db(), store);
    await analyze(db(), { asOf, clock });
    const before = (await auditOf()).length;
    const same = await setTypePolicy(db(), { newWithinDays: 30, vip: { basis: 'revenue' } }, { actor: 'test', clock });
    expect(same).toMatchObject({ reclassified: 20, typesChanged: 0, typeChanges: [] });
    expect((await auditOf()).length).toBe(before);
  });

  it('counts everyone as entering their types when the change is the store\'s first classification', async () => {
    await seedStore(db(), store);
    const first = await setTypePolicy(db(), { newWithinDays: 40 }, { actor: 'test', clock, defaultAsOf: asOf });
    expect(first.typesChanged).toBe(20);
    expect(first.typeChanges.find((move) => move.type === 'new')).toEqual({ type: 'new', entered: 8, left: 0 });
    expect(first.typeChanges.find((move) => move.type === 'vip')).toEqual({ type: 'vip', entered: 1, left: 0 });
  });

  it('answers the counts over HTTP', async () => {
    await seedStore(db(), store);
    await analyze(db(), { asOf, clock });
    // the sessions signInAs opens are judged on today's clock
    const app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
    try {
      const admin = await signInAs(context.store, 'admin');
      const response = await app.inject({ method: 'PATCH', url: '/api/analytics/policy', headers: admin.headers, payload: { vip: { topPercent: 10 } } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ reclassified: 20, typesChanged: 1, typeChanges: [{ type: 'vip', entered: 1, left: 0 }], asOf });
      const audit = await app.inject({ method: 'GET', url: '/api/audit', query: { action: 'analytics.policy.update' }, headers: admin.headers });
      expect(audit.json().items[0].detail).toEqual({ thresholds: { 'vip.topPercent': { from: 5, to: 10 } } });
    } finally {
      await app.close();
    }
  });
});
