import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { typeChangeDating } from './type-change-time.sql.js';
import { typeHistoryStartOf } from './type-history-start.sql.js';

/**
 * A customer's type changes are dated by probes of their own spells. Planned without statistics (a
 * store just loaded, before any ANALYZE), `max(entered_at) … where customer_id = $1 and entered_at < $2`
 * walked the whole entered_at index backwards, filtering on the customer, once per spell: 15–36 s for
 * one customer's timeline on a server store of 313k customers. Each probe must read the customer's rows.
 */
describeEachStore('the dating of a customer\'s type changes, planned without statistics', (context) => {
  const customerId = 1234;

  beforeAll(async () => {
    // many customers' spells, entered over two years, and never analysed
    await sql`
      insert into customer_type_history (customer_id, type, entered_at, left_at, numbers)
      select c, t, timestamptz '2023-01-01' + (c * 3 + k) * interval '1 minute', case when k < 2 then timestamptz '2023-01-01' + (c * 3 + k + 1) * interval '1 minute' end, '{}'::jsonb
      from generate_series(1, 20000) c, generate_series(0, 2) k, lateral (select (array['new', 'regular', 'at_risk'])[k + 1] as t) types`.execute(context.store.db);
  }, 120_000);

  it.each(['entered', 'left'] as const)('probes the %s time by the customer, not along the time index', async (change) => {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select dated.* from customer_type_history h
      cross join ${typeChangeDating(change, sql`h.type`, sql`h.numbers`, change === 'entered' ? sql`h.entered_at` : sql`h.left_at`, customerId, 'UTC')} dated
      where h.customer_id = ${customerId}::bigint`.execute(context.store.db);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('customer_type_history');
    // a walk along a time index (max/min planned as a Limit over it); an equality probe of one there is cheap
    expect(text).not.toMatch(/Index (Only )?Scan (Backward )?using customer_type_history_(entered|left)_at_idx/);
  });

  it('finds where the customer\'s history starts by the customer, and the store\'s by the time index', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select ${typeHistoryStartOf(customerId, 'UTC')} as starts`.execute(context.store.db);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    // one walk of the time index (the store's first spell, its first row) and no more
    expect(text.match(/using customer_type_history_entered_at_idx/g) ?? []).toHaveLength(1);
  });
});
