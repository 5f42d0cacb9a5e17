import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';

const rule = 'a customer is real once a purchase is paid and not fully refunded';

// The store's days are Jakarta's (the default zone).
describeEachCliStore('clientele customers show and list, a lead whose orders were all refunded or cancelled', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const customerIdOf = (email: string) => context.withStore(async (store) => (await store.db.selectFrom('customer').select('customer_id')
    .where('email', '=', email).executeTakeFirstOrThrow()).customer_id);
  const shownType = async (email: string) => (JSON.parse(await run('--json', 'customers', 'show', String(await customerIdOf(email)))) as { types: unknown }).types;

  it('tells a support agent what became of a lead\'s orders, counting only those placed by the as-of day', async () => {
    const orders = [
      { order_id: 'R1', customer_email: 'two.refunds@example.com', ordered_at: '2024-03-01T10:00:00+07:00', amount: '150000', channel: 'web', status: 'refunded' },
      { order_id: 'R2', customer_email: 'two.refunds@example.com', ordered_at: '2024-04-01T10:00:00+07:00', amount: '90000', channel: 'web', status: 'refunded', refunded_amount: '90000' },
      { order_id: 'C1', customer_email: 'one.cancel@example.com', ordered_at: '2024-04-15T10:00:00+07:00', amount: '50000', channel: 'phone', status: 'cancelled' },
      { order_id: 'P1', customer_email: 'buyer@example.com', ordered_at: '2024-04-20T10:00:00+07:00', amount: '70000', channel: 'store' },
    ];
    // every one of them a customer since January, before any order
    const customers = ['two.refunds', 'one.cancel', 'buyer', 'no.orders'].map((name) => ({ customer_id: name, email: `${name}@example.com`, created_at: '2024-01-05T05:00:00Z' }));
    const clock = fixedClock('2024-06-01T00:00:00Z');
    await context.withStore(async (store) => {
      expect((await ingestRecords(store.db, 'customers', customers, { actor: 'test', clock })).rejected).toBe(0);
      expect((await ingestRecords(store.db, 'orders', orders, { actor: 'test', clock })).rejected).toBe(0);
    });

    await run('analyze', '--as-of', '2024-05-31');
    expect(await shownType('two.refunds@example.com')).toEqual({
      types: ['lead'], primaryType: 'lead', explanation: `Lead: 2 orders, none verified (2 were refunded), first interest 2024-03-01 via web — ${rule}`,
    });
    expect(await shownType('one.cancel@example.com')).toEqual({
      types: ['lead'], primaryType: 'lead', explanation: `Lead: 1 order, not verified (1 was cancelled), first interest 2024-04-15 via phone — ${rule}`,
    });
    expect(await shownType('no.orders@example.com')).toEqual({ types: ['lead'], primaryType: 'lead', explanation: 'Lead: no verified purchase yet, no sign of interest recorded' });
    // the list of leads gives each its reason, as `customers show` does
    const listed = (await run('customers', 'list', '--type', 'lead')).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(listed).toContain(`${await customerIdOf('two.refunds@example.com')} lead Lead: 2 orders, none verified (2 were refunded), first interest 2024-03-01 via web — ${rule}`);

    // as of a day between the two refunds only the first counts; before any order, none does
    await run('analyze', '--as-of', '2024-03-15');
    expect(await shownType('two.refunds@example.com')).toMatchObject({ explanation: `Lead: 1 order, not verified (1 was refunded), first interest 2024-03-01 via web — ${rule}` });
    await run('analyze', '--as-of', '2024-02-15');
    expect(await shownType('two.refunds@example.com')).toMatchObject({ explanation: 'Lead: no verified purchase yet, no sign of interest recorded' });
    expect(await shownType('one.cancel@example.com')).toMatchObject({ explanation: 'Lead: no verified purchase yet, no sign of interest recorded' });
  }, 180_000);
});
