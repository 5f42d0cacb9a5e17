import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { seedMergePair } from '../../test/helpers/merge-pair.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { addDays, systemClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze } from '../analytics/index.js';
import { getCustomer } from './customers.queries.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

/** Keep with three orders, Other with two, both scored by an analysis as of yesterday. */
const seedScored = (db: Kysely<Database>, tag: string) => seedMergePair(db, tag, { keep: [90, 60, 30], other: [20, 5] });

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
