import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// A data set without prices (as Groceries): every order's amount is 0, so revenue ranks no one.
describeEachCliStore('clientele analyze, the VIP line and the hint for a data set without prices', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const vipLines = (text: string) => text.split('\n').filter((line) => /VIP|policy set/.test(line)).map((line) => line.trim());

  it('hints at ranking by purchase days only while the policy ranks by revenue', async () => {
    // 20 buyers on one day each, one on three days
    const orders = [
      ...Array.from({ length: 20 }, (_, index) => ({ order_id: `O${index}`, customer_email: `buyer${index}@example.com`, ordered_at: '2024-06-10T10:00:00+07:00', channel: 'store', amount: '0' })),
      ...['2024-06-01', '2024-06-05', '2024-06-09'].map((day, index) => ({ order_id: `F${index}`, customer_email: 'frequent@example.com', ordered_at: `${day}T10:00:00+07:00`, channel: 'store', amount: '0' })),
    ];
    await context.withStore((store) => ingestRecords(store.db, 'orders', orders, { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));

    expect(vipLines(await run('analyze', '--as-of', '2024-06-30'))).toEqual([
      'no revenue in this data (every amount is 0): VIP by revenue finds no one; rank by purchase days with',
      suggestedCommand(context.db, `policy set '{"vip":{"basis":"frequency"}}'`),
    ]);

    await run('policy', 'set', '{"vip":{"basis":"frequency"}}');
    // the top 5% of 21 is 2 customers, the second with 1 purchase day: one day is never frequent, so 2 days; the hint is gone
    expect(vipLines(await run('analyze', '--as-of', '2024-06-30'))).toEqual(['VIP: 2 or more purchase days in the last 365 days']);
    expect(await run('customers', 'list', '--type', 'vip', '--json')).toContain('frequent@example.com');

    await run('policy', 'set', '{"vip":{"basis":"revenue_or_frequency"}}');
    expect(vipLines(await run('analyze', '--as-of', '2024-06-30'))).toEqual([
      'VIP: 2 or more purchase days in the last 365 days',
      'no revenue in this data (every amount is 0): VIP by revenue finds no one, so VIPs are those by purchase days alone',
    ]);
  }, 240_000);

  it('says no one is VIP when no real customer bought in the window', async () => {
    await run('policy', 'set', '{"vip":{"basis":"frequency","windowDays":30}}');
    expect(vipLines(await run('analyze', '--as-of', '2025-06-30'))).toEqual(['VIP: no one (no real customer bought on 2 or more days in the last 30 days)']);
  }, 240_000);

  it('names a revenue cut-off of 0 as any revenue above 0 rather than leaving the VIP line out', async () => {
    // 3 spenders and 17 who bought for nothing: the top half reaches down to a cut-off of 0
    const orders = Array.from({ length: 20 }, (_, index) => ({
      order_id: `Z${index}`, customer_email: `z${index}@example.com`, ordered_at: '2024-06-10T10:00:00+07:00', channel: 'store', amount: index < 3 ? '50000' : '0',
    }));
    await context.withStore((store) => ingestRecords(store.db, 'orders', orders, { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
    await run('policy', 'set', '{"vip":{"basis":"revenue","topPercent":50,"windowDays":365}}');
    const lines = vipLines(await run('analyze', '--as-of', '2024-06-30'));
    expect(lines).toEqual(['VIP: any revenue above Rp\u00a00 in the last 365 days']);
  }, 240_000);
});
