import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

describeEachCliStore('clientele orders show', (context) => {
  it('shows an ingested order with its lines, by its id or by source:id, and says how to find one it does not know', async () => {
    const clock = fixedClock('2024-06-21T00:00:00Z');
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'orders', [{ order_id: 'W-1', customer_email: 'ayu@example.com', ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '57000' }], { actor: 'test', clock });
      await ingestRecords(store.db, 'lines', [
        { order_id: 'W-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '12000' },
        { order_id: 'W-1', line_no: '2', sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: '1', unit_price: '33000' },
      ], { actor: 'test', clock });
    });
    const json = await runCliInProcess(context.db, ['--json', 'orders', 'show', 'api:W-1']);
    expect(json.exitCode, json.stderr).toBe(0);
    const order = JSON.parse(json.stdout);
    expect(order).toMatchObject({ source: 'api', external_id: 'W-1', channel: 'web', lines: [{ line_no: 1, sku: 'KOPI-1', quantity: 2 }, { line_no: 2, sku: 'ROTI-1' }] });

    const text = await runCliInProcess(context.db, ['orders', 'show', String(order.order_id)]);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^id\s+\d+$/m);
    expect(text.stdout).toMatch(/^external_id\s+W-1$/m);
    expect(text.stdout).toMatch(/^ordered_at\s+2024-06-20 10:00 \(Asia\/Jakarta\)$/m);
    expect(text.stdout).toMatch(/^2\s+ROTI-1\s+Roti bakar\s+bakery\s+1\s+Rp/m);

    const missing = await runCliInProcess(context.db, ['orders', 'show', '999999']);
    // not found: the same command gets the same answer (exit-codes.ts)
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Order #999999 does not exist');
    const badArgument = await runCliInProcess(context.db, ['orders', 'show', 'W-1']);
    expect(badArgument.exitCode).toBe(1);
    expect(badArgument.stderr).toContain('source:id (e.g. api:W-1');
  }, 180_000);
});
