import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { insertSegment } from './segments.repo.js';
import { listSegments } from './segments.service.js';

describeEachStore('the segment list', (context) => {
  it('sorts names ignoring case and accents, then as written', async () => {
    // inserted directly: an older store may hold names differing only in case, which the service now refuses
    for (const name of ['Pelanggan setia', 'bulk buyers', 'ābolu pircēji', 'Zebra', 'vips', 'apple', 'Vips']) {
      await insertSegment(context.store.db, { name, description: null, filter: { and: [] }, createdBy: 'test' });
    }
    const listed = await listSegments(context.store.db);
    expect(listed.map((segment) => segment.name)).toEqual(['ābolu pircēji', 'apple', 'bulk buyers', 'Pelanggan setia', 'Vips', 'vips', 'Zebra']);
  });
});
