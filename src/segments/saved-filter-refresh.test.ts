import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import type { FilterNode } from './filter-types.js';
import { previewSegment } from './preview.service.js';
import { insertSegment } from './segments.repo.js';
import { refreshAllSegments, refreshSegment, refreshSegmentsForCustomers } from './segments.service.js';

const clock = fixedClock(smallStoreAsOf);
// saved before values of closed lists and date ranges were checked: a new filter like these is refused
const oldFilters = {
  misspelt: { field: 'customer_types', op: 'contains', value: 'vipp' },
  reversed: { field: 'last_purchase_at', op: 'between', value: ['2026-05-01', '2026-01-01'] },
} as unknown as Record<string, FilterNode>;

describeEachStore('segments saved before the newer filter checks', (context) => {
  const db = () => context.store.db;
  const ids: number[] = [];

  beforeAll(async () => {
    await seedSmallStore(db());
    for (const [name, filter] of Object.entries(oldFilters)) ids.push(await insertSegment(db(), { name, description: null, filter, createdBy: 'test' }));
  });

  it('refuses such a filter when it is new', async () => {
    for (const filter of Object.values(oldFilters)) {
      await expect(previewSegment(db(), filter, { clock })).rejects.toMatchObject({ code: 'SEGMENT_FILTER_INVALID' });
    }
  });

  it('still refreshes them, matching no one as before, so imports and customer edits that refresh segments keep working', async () => {
    const customerIds = (await db().selectFrom('customer').select('customer_id').execute()).map((row) => Number(row.customer_id));
    const forCustomers = await db().transaction().execute((trx) => refreshSegmentsForCustomers(trx, customerIds, { asOf: smallStoreAsOf }));
    expect(forCustomers.filter((refresh) => ids.includes(refresh.segmentId)).map((refresh) => refresh.segmentId).sort()).toEqual([...ids].sort());
    const all = await refreshAllSegments(db(), { clock });
    expect(all.filter((refresh) => ids.includes(refresh.segmentId)).map((refresh) => refresh.segmentId).sort()).toEqual([...ids].sort());
    for (const id of ids) await expect(refreshSegment(db(), id, { clock })).resolves.toMatchObject({ segmentId: id });
    const members = await db().selectFrom('segment_member').where('segment_id', 'in', ids).select('customer_id').execute();
    expect(members).toEqual([]);
  });
});
