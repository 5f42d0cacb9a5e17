import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { migrationsDirectory } from '../db/migrate.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { rebuildTraits } from './index.js';

const clock = fixedClock('2024-06-01T00:00:00Z');
const backfill = readFileSync(join(migrationsDirectory, '202612140200_gift_recipient_first_interest.sql'), 'utf8');

/**
 * Facts stored before a received gift counted as a sign of interest: each customer's first sign was the
 * earliest of their own events and orders only. The migration must leave what a rebuild would.
 */
describeEachStore('migration 202612140200: gift recipients\' first sign of interest', (context) => {
  const traits = async () => (await sql<Record<string, unknown>>`
    select customer_id, first_purchase_at, last_purchase_at, purchase_days, order_count, revenue_minor, first_interest_at, first_interest_channel, interest_event_count
    from customer_trait order by customer_id`.execute(context.store.db)).rows;
  const interestOf = async (email: string) => (await sql<{ at: Date | string | null; channel: string | null }>`
    select t.first_interest_at as at, t.first_interest_channel as channel from customer_trait t
    join customer_identity i using (customer_id) where i.value = ${email}`.execute(context.store.db)).rows
    .map((row) => ({ at: row.at === null ? null : new Date(row.at).toISOString(), channel: row.channel }))[0];

  it('moves a recipient\'s first sign of interest to an earlier gift of any status, as a rebuild does', async () => {
    const gift = (orderId: string, at: string, channel: string, recipient: string, status = 'paid') =>
      ({ order_id: orderId, customer_email: 'giver@example.com', ordered_at: at, amount: '1000', channel, status, recipient_email: recipient });
    expect((await ingestRecords(context.store.db, 'orders', [
      gift('G1', '2024-02-01T03:00:00Z', 'store', 'only.gifts@example.com', 'cancelled'),
      gift('G2', '2024-03-01T03:00:00Z', 'web', 'only.gifts@example.com'),
      gift('G3', '2024-01-10T03:00:00Z', 'phone', 'later.signs@example.com', 'refunded'),
      { order_id: 'L1', customer_email: 'later.signs@example.com', ordered_at: '2024-04-01T03:00:00Z', amount: '500', channel: 'web' },
      gift('G4', '2024-05-01T03:00:00Z', 'mobile', 'earlier.signs@example.com'),
      { order_id: 'E1', customer_email: 'earlier.signs@example.com', ordered_at: '2024-01-01T03:00:00Z', amount: '500', channel: 'marketplace' },
    ], { actor: 'test', clock })).rejected).toBe(0);
    expect((await ingestRecords(context.store.db, 'events', [
      { event_id: 'V1', customer_email: 'later.signs@example.com', kind: 'inquiry', occurred_at: '2024-03-15T03:00:00Z', channel: 'web' },
    ], { actor: 'test', clock })).rejected).toBe(0);

    // the state such a store was left in: first signs from each customer's own events and orders only
    await sql`
      update customer_trait t set first_interest_at = own.at, first_interest_channel = own.channel
      from customer c
      left join lateral (
        select at, channel from (
          select occurred_at as at, channel, 0 as source from interest_event e where e.customer_id = c.customer_id
          union all
          select ordered_at, channel, 1 from customer_order o where o.customer_id = c.customer_id) sign
        order by at, source limit 1) own on true
      where c.customer_id = t.customer_id`.execute(context.store.db);
    expect(await interestOf('only.gifts@example.com')).toEqual({ at: null, channel: null });
    expect(await interestOf('later.signs@example.com')).toEqual({ at: '2024-03-15T03:00:00.000Z', channel: 'web' });

    await context.store.runScript(backfill);
    const migrated = await traits();
    expect(await interestOf('only.gifts@example.com')).toEqual({ at: '2024-02-01T03:00:00.000Z', channel: 'store' });
    expect(await interestOf('later.signs@example.com')).toEqual({ at: '2024-01-10T03:00:00.000Z', channel: 'phone' });
    expect(await interestOf('earlier.signs@example.com')).toEqual({ at: '2024-01-01T03:00:00.000Z', channel: 'marketplace' });

    await rebuildTraits(context.store.db);
    expect(migrated).toEqual(await traits());
  });
});
