import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { seedTypeRevenueStore, typeRevenueExpected } from '../../../test/fixtures/analytics/type-revenue-fixture.js';

describeEachCliStore('clientele report types, with the revenue each type holds', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it('shows each type\'s net revenue over the last 365 days and lifetime as money, with its share, and says shares add up past 100%', async () => {
    await context.withStore((store) => seedTypeRevenueStore(store.db));
    const text = await run('report', 'types');
    expect(text).toMatch(/^revenue: net \(paid orders less refunds\) of the type's customers; 365d = 2025-07-01\.\.2026-06-30 \(all customers Rp\s?910\.000\),$/m);
    expect(text).toMatch(/^lifetime = up to 2026-06-30 \(all customers Rp\s?1\.980\.000\); a customer in several types \(a VIP can also be at risk\)$/m);
    expect(text).toMatch(/^counts in each, so revenue shares add up past 100% too$/m);
    expect(text).toMatch(/^type\s+customers\s+as primary\s+share of customers\s+revenue 365d\s+share 365d\s+revenue lifetime\s+share lifetime$/m);
    expect(text).toMatch(/^at_risk\s+2\s+2\s+33\.3%\s+Rp\s?410\.000\s+45\.1%\s+Rp\s?480\.000\s+24\.2%$/m);
    expect(text).toMatch(/^vip\s+2\s+1\s+33\.3%\s+Rp\s?850\.000\s+93\.4%\s+Rp\s?1\.920\.000\s+97%$/m);
    expect(text).toMatch(/^lead\s+3\s+3\s+50%\s+Rp\s?0\s+0%\s+Rp\s?0\s+0%$/m);

    const report = JSON.parse(await run('--json', 'report', 'types'));
    expect(report).toMatchObject({
      currency: 'IDR', hasPrices: true, revenueLast365DaysFrom: '2025-07-01',
      revenueLast365DaysMinor: typeRevenueExpected.revenueLast365DaysMinor, revenueLifetimeMinor: typeRevenueExpected.revenueLifetimeMinor,
    });
    expect(report.types.find((row: { type: string }) => row.type === 'vip')).toEqual({ type: 'vip', ...typeRevenueExpected.vip });
    expect(report.types.find((row: { type: string }) => row.type === 'at_risk')).toEqual({ type: 'at_risk', ...typeRevenueExpected.at_risk });
  }, 180_000);
});
