import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation, typicalSegment } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { previewSegment } from './preview.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);
const typical = typicalSegment;
const nobody = { field: 'city', op: 'eq', value: 'Atlantis' };

describeEachStore('segment previews: exact counts and estimates', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 20_000, seed: 11, asOf });
    // the tables by name: a bare ANALYZE would visit every schema on a shared server
    await sql`analyze customer, customer_trait`.execute(db());
  }, 240_000);

  it('counts exactly by default and says so', async () => {
    const preview = await previewSegment(db(), typical, { clock });
    expect(preview).toMatchObject({ isEstimate: false, interval: null, sampledCustomers: null, total: 20_000 });
    expect(preview.count).toBeGreaterThan(0);
  });

  it('estimates from a block sample, labelled, with an interval that holds the exact count', async () => {
    const exact = await previewSegment(db(), typical, { clock });
    const estimate = await previewSegment(db(), typical, { clock, count: 'estimate', estimateFrom: 3_000, sampleSize: 5 });
    expect(estimate.isEstimate).toBe(true);
    expect(estimate.sampledCustomers).toBeGreaterThan(1_000);
    expect(estimate.sampledCustomers).toBeLessThan(10_000);
    const { low, high } = estimate.interval!;
    // the sample is seeded, so this is the same draw every run: its 95% interval holds the exact count
    expect(exact.count).toBeGreaterThanOrEqual(low);
    expect(exact.count).toBeLessThanOrEqual(high);
    // and is an interval, not the whole range: a wrong scale-up would miss by far more
    expect(high - low).toBeLessThan(exact.count);
    expect(Math.abs(estimate.total - 20_000)).toBeLessThan(4_000);
    // the listed customers really match
    const listed = estimate.sample.map((customer) => customer.customer_id);
    expect(listed.length).toBe(5);
    const matching = await previewSegment(db(), { and: [typical, { field: 'customer_id', op: 'in', value: listed }] }, { clock });
    expect(matching.count).toBe(5);
  });

  it('is the exact count when the sample is the whole store', async () => {
    const exact = await previewSegment(db(), typical, { clock });
    const estimate = await previewSegment(db(), typical, { clock, count: 'estimate', estimateFrom: 50_000 });
    expect(estimate).toMatchObject({ isEstimate: true, count: exact.count, total: exact.total, interval: { low: exact.count, high: exact.count } });
    expect((await previewSegment(db(), nobody, { clock, count: 'estimate', estimateFrom: 3_000 })).count).toBe(0);
  });

  it('counts exactly in "auto" where the store is small enough for it to be cheap, and estimates above that', async () => {
    expect((await previewSegment(db(), typical, { clock, count: 'auto' })).isEstimate).toBe(false);
    // the 20,000-customer store is "large" against a cut-off of 10,000
    const large = await previewSegment(db(), typical, { clock, count: 'auto', exactBelow: 10_000, estimateFrom: 3_000 });
    expect(large).toMatchObject({ isEstimate: true, interval: { confidence: 0.95 } });
    expect(large.sampledCustomers).toBeLessThan(10_000);
    expect((await previewSegment(db(), typical, { clock, count: 'auto', exactBelow: 30_000 })).isEstimate).toBe(false);
  });
});
