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
const backfill = readFileSync(join(migrationsDirectory, '202612190200_credit_note_interest.sql'), 'utf8');

/** Facts stored before a credit note stopped counting as a sign of interest: the migration must leave what a rebuild would. */
describeEachStore('migration 202612190200: a credit note is no first sign of interest', (context) => {
  const traits = async () => (await sql<Record<string, unknown>>`
    select customer_id, first_purchase_at, revenue_minor, first_interest_at, first_interest_channel, interest_event_count
    from customer_trait order by customer_id`.execute(context.store.db)).rows;
  const interestOf = async (email: string) => (await sql<{ at: Date | string | null; channel: string | null }>`
    select t.first_interest_at as at, t.first_interest_channel as channel from customer_trait t
    join customer_identity i using (customer_id) where i.value = ${email}`.execute(context.store.db)).rows
    .map((row) => ({ at: row.at === null ? null : new Date(row.at).toISOString(), channel: row.channel }))[0];

  it('moves a first sign of interest off a credit note, to the next sign or to none, as a rebuild does', async () => {
    const order = (orderId: string, email: string, at: string, channel: string, status: string) =>
      ({ order_id: orderId, customer_email: email, ordered_at: at, amount: '1000', channel, status });
    expect((await ingestRecords(context.store.db, 'orders', [
      order('C1', 'only.credit@example.com', '2024-02-01T03:00:00Z', 'store', 'credit_note'),
      order('C2', 'credit.first@example.com', '2024-02-01T03:00:00Z', 'store', 'credit_note'),
      order('S2', 'credit.first@example.com', '2024-03-01T03:00:00Z', 'web', 'paid'),
      order('S3', 'sale.first@example.com', '2024-01-01T03:00:00Z', 'phone', 'paid'),
      order('C3', 'sale.first@example.com', '2024-02-01T03:00:00Z', 'store', 'credit_note'),
    ], { actor: 'test', clock })).rejected).toBe(0);

    // the state such a store was left in: the earliest of each customer's orders, credit notes included
    await sql`
      update customer_trait t set first_interest_at = own.at, first_interest_channel = own.channel
      from (select distinct on (customer_id) customer_id, ordered_at as at, channel from customer_order order by customer_id, ordered_at, order_id) own
      where own.customer_id = t.customer_id`.execute(context.store.db);
    expect(await interestOf('only.credit@example.com')).toEqual({ at: '2024-02-01T03:00:00.000Z', channel: 'store' });

    await context.store.runScript(backfill);
    const migrated = await traits();
    expect(await interestOf('only.credit@example.com')).toEqual({ at: null, channel: null });
    expect(await interestOf('credit.first@example.com')).toEqual({ at: '2024-03-01T03:00:00.000Z', channel: 'web' });
    expect(await interestOf('sale.first@example.com')).toEqual({ at: '2024-01-01T03:00:00.000Z', channel: 'phone' });

    await rebuildTraits(context.store.db);
    expect(migrated).toEqual(await traits());
  });
});
