import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { matchingCustomers } from './compile-filter.js';
import { previewSegment } from './preview.service.js';
import { prepareFilter } from './segments.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

// An email condition compares regardless of case, as every text condition does; it must still find its customer by an index.
describeEachStore('a segment condition on email', (context) => {
  const db = () => context.store.db;
  let ana: number;

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 5_000, seed: 4, asOf });
    ana = Number((await sql<{ customer_id: number }>`
      insert into customer (customer_id, name, email) values (100000, 'Ana', 'Ana.Lestari@Example.COM') returning customer_id`.execute(db())).rows[0].customer_id);
    // merged away under the same address: never a member
    await sql`insert into customer (customer_id, name, email, merged_into_customer_id) values (100001, 'Ana (old)', 'ana.lestari@example.com', 100000)`.execute(db());
    await sql`analyze customer`.execute(db());
  }, 240_000);

  it.each([
    [{ field: 'email', op: 'eq', value: 'ana.lestari@example.com' }],
    [{ field: 'email', op: 'eq', value: 'ANA.LESTARI@EXAMPLE.COM' }],
    [{ field: 'email', op: 'in', value: ['nobody@example.com', 'Ana.Lestari@example.com'] }],
  ])('finds the one customer with %j, in any case', async (filter) => {
    const preview = await previewSegment(db(), filter, { clock, sampleSize: 5 });
    expect(preview.count).toBe(1);
    expect(preview.sample.map((customer) => Number(customer.customer_id))).toEqual([ana]);
  });

  it('leaves out everyone else with neq', async () => {
    const preview = await previewSegment(db(), { field: 'email', op: 'neq', value: 'ana.lestari@example.com' }, { clock });
    expect(preview.count).toBe(5_000);
  });

  it.each([
    [{ field: 'email', op: 'eq', value: 'Ana.Lestari@example.com' }],
    [{ field: 'email', op: 'in', value: ['nobody@example.com', 'ana.lestari@example.com'] }],
  ])('reads %j from an index, not every customer row', async (filter) => {
    const { compiled } = await prepareFilter(db(), filter, asOf);
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain select count(*) from (${matchingCustomers(compiled)}) m`.execute(db())).rows
      .map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('customer_email_any_case_idx');
    expect(plan).not.toMatch(/Seq Scan on customer/);
  });
});
