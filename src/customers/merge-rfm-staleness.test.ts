import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { addDays, calendarDayIn, systemClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze } from '../analytics/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';
import { getCustomer } from './customers.queries.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

const zone = 'Asia/Jakarta';

/** Keep with three orders, Other with two, both scored by an analysis as of yesterday. */
async function seedScored(db: Kysely<Database>, tag: string) {
  const today = calendarDayIn(new Date(), zone);
  const email = (who: string) => `${tag}.${who}@example.com`;
  const keep = await createCustomer(db, { name: `${tag} Keep`, email: email('keep') });
  const other = await createCustomer(db, { name: `${tag} Other`, email: email('other') });
  const order = (id: string, who: string, daysAgo: number) => ({
    order_id: `${tag}-${id}`, customer_email: email(who), ordered_at: `${addDays(today, -daysAgo)}T09:00:00+07:00`, channel: 'web', amount: '150000',
  });
  await ingestRecords(db, 'orders', [order('K1', 'keep', 90), order('K2', 'keep', 60), order('K3', 'keep', 30), order('O1', 'other', 20), order('O2', 'other', 5)],
    { actor: 'test', clock: systemClock });
  await analyze(db, { asOf: addDays(today, -1) });
  return { keep, other, today };
}

// the reviewer's case: after a merge the RFM card read "Champions R5 F5 M4" as if current, counting 0 orders since
describeEachStore('a kept customer\'s RFM score after a merge', (context) => {
  it('counts the orders the merge brought in as not in the score, until the merge is undone or the next analysis', async () => {
    const db = context.store.db;
    const { keep, other, today } = await seedScored(db, 'rfmmerge');
    expect((await getCustomer(db, keep)).rfm).toMatchObject({ orders_recorded_since: 0 });

    const { mergeId } = await mergeCustomers(db, keep, other, 'test', { clock: systemClock });
    const merged = await getCustomer(db, keep);
    expect(merged.rfm).toMatchObject({ orders_recorded_since: 2 });
    // the kept customer's types are judged again by the merge (keepDerivedCurrentAfterMerge): nothing to say there
    expect(merged.customer.merged_into_customer_id).toBeNull();

    await undoMerge(db, mergeId, 'test', { clock: systemClock });
    expect((await getCustomer(db, keep)).rfm).toMatchObject({ orders_recorded_since: 0 });

    // merged again, then analysed: the score counts them
    await mergeCustomers(db, keep, other, 'test', { clock: systemClock });
    await analyze(db, { asOf: addDays(today, -1) });
    expect((await getCustomer(db, keep)).rfm).toMatchObject({ orders_recorded_since: 0 });
  });
});
