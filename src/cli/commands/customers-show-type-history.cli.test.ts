import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// The store's days are Jakarta's (the default zone): an analysis's type changes are dated the
// end of its as-of day, 00:00 the next day there.
describeEachCliStore('clientele customers show, the type history in the recent timeline', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it('lists a type held when the history began as held since then, on the analysis\'s own day', async () => {
    const order = { order_id: 'H1', customer_email: 'history.start@example.com', ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '150000' };
    await context.withStore((store) => ingestRecords(store.db, 'orders', [order], { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
    // the store's first analysis finds them new (since 20 June); the next, one-time buyers
    await run('analyze', '--as-of', '2024-06-30');
    await run('analyze', '--as-of', '2024-08-15');
    const customerId = await context.withStore(async (store) => (await store.db.selectFrom('customer').select('customer_id')
      .where('email', '=', 'history.start@example.com').executeTakeFirstOrThrow()).customer_id);
    const timeline = (await run('customers', 'show', String(customerId))).split('recent timeline:\n')[1];
    const typeLines = timeline.split('\n').filter((line) => line.includes('type_change')).map((line) => line.replace(/\s+/g, ' ').trim());
    expect(typeLines).toEqual([
      // the analysis of 15 August saw it; the rule dates it: first purchase 20 June + 30 days
      '2024-07-20 type_change became one_time',
      '2024-07-20 type_change no longer new',
      // not "2024-07-01 00:00", the instant that ends 30 June, nor "became new" that day
      '2024-06-30 type_change new since the type history began, until 2024-07-20',
      // the store's only buyer, so in its top 5% by revenue
      '2024-06-30 type_change already vip when the type history began',
    ]);
  }, 180_000);
});
