import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { compileFilter, matchingCustomers } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter } from './filter-schema.js';
import { memberIds } from './membership.repo.js';
import { previewSegment } from './preview.service.js';
import {
  createSegment, listSegmentMembers, refreshAllSegments, refreshSegment, refreshSegmentsForCustomers, segmentHistory, updateSegment,
} from './segments.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);
const cities = ['Jakarta', 'Bandung', 'Surabaya', 'Malang', null];
const categories = ['coffee', 'tea', 'bread', 'cake'];

/** A deterministic generator so every run mutates the same customers the same way. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const segmentFilters: Record<string, unknown> = {
  'young jakarta buyers': { and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'age', op: 'lt', value: 35 }, { field: 'order_count', op: 'gte', value: 1 }] },
  'coffee twice in 90 days': { purchased: { category: 'coffee', within: { days: 90 }, count: { op: 'gte', value: 2 } } },
  'big spenders not in bandung': { and: [{ field: 'revenue_minor', op: 'gt', value: 300000 }, { not: { field: 'city', op: 'eq', value: 'Bandung' } }] },
  'web or lapsed': { or: [{ field: 'web_order_count', op: 'gt', value: 2 }, { field: 'last_purchase_at', op: 'lt', value: { days_ago: 180 } }] },
};

describeEachStore('segment membership', (context) => {
  const db = () => context.store.db;
  const next = random(42);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];

  beforeAll(async () => {
    await sql`select setseed(0.42)`.execute(db());
    await sql`
      insert into customer (customer_id, kind, name, birth_year, city)
      select g, 'person', 'Customer ' || g, 1950 + (random() * 55)::int, (array['Jakarta', 'Bandung', 'Surabaya', 'Malang', null])[1 + (random() * 4)::int]
      from generate_series(1, 300) g`.execute(db());
    await sql`
      insert into customer_trait (customer_id, order_count, purchase_days, revenue_minor, web_order_count, first_purchase_at, last_purchase_at)
      select customer_id, n, n, n * 60000, (n * random())::int, ${asOf}::timestamptz - interval '400 days', ${asOf}::timestamptz - (random() * 365)::int * interval '1 day'
      from (select customer_id, (random() * 8)::int as n from customer) s`.execute(db());
  });

  const fullRecompute = async (filter: unknown) => {
    const compiled = compileFilter(parseFilter(filter), { asOf, catalog: await loadFilterCatalog(db()) });
    return (await matchingCustomers(compiled).execute(db())).rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  };

  it('fills membership on creation and counts it in preview', async () => {
    for (const [name, filter] of Object.entries(segmentFilters)) {
      const { segment, refresh } = await createSegment(db(), { name, filter }, { actor: 'test', clock });
      const expected = await fullRecompute(filter);
      expect(refresh).toMatchObject({ entered: expected.length, left: 0, members: expected.length });
      expect(segment.member_count).toBe(expected.length);
      expect(await memberIds(db(), segment.segment_id)).toEqual(expected);
      expect((await previewSegment(db(), filter, { clock })).count).toBe(expected.length);
    }
    await expect(createSegment(db(), { name: 'web or lapsed', filter: { and: [] } }, { actor: 'test', clock })).rejects.toThrow(/already exists/);
  });

  it('keeps incremental refreshes equal to a full recomputation through rounds of changes', async () => {
    let orderId = 1;
    for (let round = 0; round < 6; round++) {
      const changed = new Set<number>();
      for (let change = 0; change < 25; change++) {
        const customerId = 1 + Math.floor(next() * 300);
        changed.add(customerId);
        const kind = next();
        if (kind < 0.3) {
          await sql`update customer set city = ${pick(cities)}, birth_year = ${1950 + Math.floor(next() * 55)} where customer_id = ${customerId}`.execute(db());
        } else if (kind < 0.7) {
          const orderedAt = new Date(asOf.getTime() - Math.floor(next() * 200) * 86_400_000);
          await sql`insert into customer_order (order_id, customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
            values (${orderId}, ${customerId}, 't', ${`T${orderId}`}, ${orderedAt}, 'IDR', 50000, 50000, 'web', ${next() < 0.9 ? 'paid' : 'cancelled'})`.execute(db());
          await sql`insert into order_line (customer_id, order_id, line_no, category, quantity, unit_price_minor) values (${customerId}, ${orderId}, 1, ${pick(categories)}, 1, 50000)`.execute(db());
          await sql`update customer_trait set order_count = order_count + 1, web_order_count = web_order_count + 1, revenue_minor = revenue_minor + 50000,
            last_purchase_at = greatest(last_purchase_at, ${orderedAt}::timestamptz) where customer_id = ${customerId}`.execute(db());
          orderId += 1;
        } else if (kind < 0.85) {
          await sql`update customer_trait set revenue_minor = ${Math.floor(next() * 800_000)} where customer_id = ${customerId}`.execute(db());
        } else {
          await sql`update customer set merged_into_customer_id = ${customerId === 1 ? 2 : 1} where customer_id = ${customerId}`.execute(db());
        }
      }
      const refreshed = await refreshSegmentsForCustomers(db(), [...changed], { asOf });
      const mode = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(db());
      expect(mode.rows[0].mode).toBe('auto');
      for (const [name, filter] of Object.entries(segmentFilters)) {
        const members = (await listSegmentMembers(db(), name, { limit: 1000 })).items.map((row) => Number(row.customer_id));
        expect(members, `${name} after round ${round}`).toEqual(await fullRecompute(filter));
        // the count moves by each batch's difference and stays the members' number
        const stored = await sql<{ member_count: number }>`select member_count from segment where name = ${name}`.execute(db());
        expect(stored.rows[0].member_count, `${name} count after round ${round}`).toBe(members.length);
        expect(refreshed.find((result) => result.name === name)?.members).toBe(members.length);
      }
    }
    // a full refresh now finds nothing left to change
    const full = await refreshAllSegments(db(), { clock });
    expect(full.map((result) => [result.entered, result.left])).toEqual(full.map(() => [0, 0]));
  });

  it('logs who entered and left, and pages through members', async () => {
    const { refresh } = await updateSegment(db(), 'young jakarta buyers', { filter: { and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'age', op: 'lt', value: 45 }] } }, { clock: fixedClock('2026-06-02T00:00:00Z') });
    expect(refresh!.entered).toBeGreaterThan(0);
    const history = await segmentHistory(db(), 'young jakarta buyers', 1000);
    expect(history.filter((event) => event.change === 'entered' && event.at.toISOString().startsWith('2026-06-02')).length).toBe(refresh!.entered);
    expect(history.filter((event) => event.change === 'left' && event.at.toISOString().startsWith('2026-06-02')).length).toBe(refresh!.left);
    const first = await listSegmentMembers(db(), 'young jakarta buyers', { limit: 5 });
    const second = await listSegmentMembers(db(), 'young jakarta buyers', { limit: 5, after: first.next! });
    expect(second.items[0].customer_id).toBeGreaterThan(first.items[4].customer_id);
    const again = await refreshSegment(db(), 'young jakarta buyers', { clock: fixedClock('2026-06-02T00:00:00Z') });
    expect([again.entered, again.left]).toEqual([0, 0]);
  });
});
