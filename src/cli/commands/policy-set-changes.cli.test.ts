import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedStore, type SeedStore } from '../../../test/fixtures/analytics/seed.js';
import { addDays } from '../../core/clock.js';

const asOf = '2026-06-30';
// twenty one-order buyers: customer i bought once, 5i − 2 days before the as-of day, for i × 1,000.
// New within 30 days: 1–6; within 40: 1–8. VIP, top 5% of 20 by revenue: 20; top 10%: 19 and 20.
const store: SeedStore = {
  customerIds: Array.from({ length: 20 }, (_, i) => i + 1),
  orders: Array.from({ length: 20 }, (_, i) => ({ customerId: i + 1, day: addDays(asOf, -(5 * (i + 1) - 2)), amountMinor: (i + 1) * 1000 })),
};

describeEachCliStore('clientele policy set: says whose types changed, and the audit log says from → to', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it('says how many customers changed type and per type how many entered or left, in text and JSON', async () => {
    await context.withStore(({ db }) => seedStore(db, store));
    await run('analyze', '--as-of', asOf);
    const text = await run('policy', 'set', '{"newWithinDays": 40, "vip": {"topPercent": 10}}');
    expect(text).toContain(`20 customers reclassified as of ${asOf}.`);
    // 19 becomes VIP, 7 and 8 become new
    expect(text).toMatch(/Types changed for 3 customers: vip: \+1; new: \+2(; |\n|$)/);
    const json = JSON.parse(await run('--json', 'policy', 'set', '{"vip": {"topPercent": 5}}')) as { typesChanged: number; typeChanges: unknown[] };
    expect(json).toMatchObject({ reclassified: 20, typesChanged: 1, typeChanges: [{ type: 'vip', entered: 0, left: 1 }] });
    expect((await run('policy', 'set', '{"newWithinDays": 40}')).trim()).toBe(`Policy updated; 20 customers reclassified as of ${asOf}.\nNo customer's types changed.`);

    const audit = await run('audit', '--action', 'analytics.policy.update');
    expect(audit).toContain('vip.topPercent: 10% → 5%');
    expect(audit).toContain('newWithinDays: 30 days → 40 days; vip.topPercent: 5% → 10%');
    // the save that changed nothing left no entry
    expect(audit).toMatch(/\n2 shown, newest first/);
  }, 240_000);
});
