import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { checkFilter } from './filter-schema.js';
import { previewSegment } from './preview.service.js';
import { createSegment } from './segments.service.js';

// Two filters a marketer wrote matched no one without a word: country "Indonesia" (the field holds
// ISO codes) and city "Jakarta " (with the space a paste brings; imports trim every cell).
describe('a country in a filter', () => {
  it('is refused as a name, naming the field and suggesting its code', () => {
    expect(checkFilter({ field: 'country', op: 'eq', value: 'Indonesia' }).problems).toEqual([expect.objectContaining({
      path: 'filter.value', kind: 'not_one_of', params: expect.objectContaining({ field: 'country', value: 'Indonesia', suggestion: 'ID' }),
      message: expect.stringMatching(/^country .*use "ID"/),
    })]);
    expect(checkFilter({ field: 'country', op: 'in', value: ['LV', 'Latvija'] }).problems).toEqual([expect.objectContaining({ path: 'filter.value[1]', params: expect.objectContaining({ suggestion: 'LV' }) })]);
  });

  it('is refused when it is neither a code nor a name, saying what the field holds', () => {
    expect(checkFilter({ field: 'country', op: 'neq', value: 'Narnia' }).problems).toEqual([expect.objectContaining({ path: 'filter.value', message: expect.stringMatching(/^country holds two-letter ISO 3166/) })]);
  });

  it('is taken as a code in any case, and kept as the store writes it', () => {
    expect(checkFilter({ field: 'country', op: 'eq', value: 'id' }).filter).toEqual({ field: 'country', op: 'eq', value: 'ID' });
    // a saved filter is read as it was saved, not refused on a refresh
    expect(checkFilter({ field: 'country', op: 'eq', value: 'Indonesia' }, { isSaved: true }).filter).toEqual({ field: 'country', op: 'eq', value: 'Indonesia' });
  });
});

describeEachStore('text values in a filter are compared as the store keeps them', (context) => {
  const db = () => context.store.db;
  const clock = fixedClock('2026-07-01T00:00:00Z');
  const members = async (filter: unknown) => (await previewSegment(db(), filter, { clock, sampleSize: 50 })).sample.map((row) => row.name);

  beforeAll(async () => {
    await ingestRecords(db(), 'customers', [
      { customer_id: 'A', name: 'Ana', city: ' Jakarta ', country: 'Indonesia' },
      { customer_id: 'B', name: 'Budi', city: 'Bandung', country: 'id' },
      { customer_id: 'C', name: 'Kārlis', city: 'Rīga', country: 'LV' },
    ], { actor: 'test', clock });
  });

  it('finds a city written with spaces around it, as imports store it, and saves it without them', async () => {
    const stored = await db().selectFrom('customer').select(['name', 'city', 'country']).orderBy('name').execute();
    expect(stored).toEqual([{ name: 'Ana', city: 'Jakarta', country: 'ID' }, { name: 'Budi', city: 'Bandung', country: 'ID' }, { name: 'Kārlis', city: 'Rīga', country: 'LV' }]);
    expect(await members({ field: 'city', op: 'eq', value: 'Jakarta ' })).toEqual(['Ana']);
    expect(await members({ field: 'city', op: 'in', value: [' Jakarta', 'Bandung  '] })).toEqual(['Ana', 'Budi']);
    expect(await members({ field: 'city', op: 'starts_with', value: ' Jak' })).toEqual(['Ana']);
    expect(await members({ field: 'city', op: 'neq', value: 'Jakarta ' })).toEqual(['Budi', 'Kārlis']);
    const { segment } = await createSegment(db(), { name: 'Jakarta', filter: { field: 'city', op: 'eq', value: '  Jakarta ' } }, { actor: 'test', clock });
    expect(segment.filter).toEqual({ field: 'city', op: 'eq', value: 'Jakarta' });
    expect(segment.member_count).toBe(1);
  });

  it('finds a country by its code in lower case', async () => {
    expect(await members({ field: 'country', op: 'eq', value: 'id' })).toEqual(['Ana', 'Budi']);
    await expect(previewSegment(db(), { field: 'country', op: 'eq', value: 'Indonesia' }, { clock })).rejects.toMatchObject({
      code: 'SEGMENT_FILTER_INVALID', message: expect.stringContaining('use "ID"'),
    });
  });
});
