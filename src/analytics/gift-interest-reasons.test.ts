import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { analyze } from './analyze.service.js';

const clock = fixedClock('2024-06-01T00:00:00Z');

/**
 * A gift of any status is its recipient's first sign of interest in the stored facts
 * (traits.repo.ts) and in the lifecycle; the type reasons must give the same day and channel,
 * while only a verified gift makes the recipient a consumer.
 */
describeEachStore('a received gift in the type reasons and in the stored facts', (context) => {
  it('gives a lead the day and channel of their first gift whatever its status, as their stored facts do', async () => {
    const summary = await ingestRecords(context.store.db, 'orders', [
      { order_id: 'G1', customer_email: 'giver@example.com', ordered_at: '2024-02-01T03:00:00Z', amount: '1000', channel: 'store', status: 'cancelled', recipient_email: 'two.gifts@example.com' },
      { order_id: 'G2', customer_email: 'giver@example.com', ordered_at: '2024-04-01T03:00:00Z', amount: '1000', channel: 'web', recipient_email: 'two.gifts@example.com' },
      { order_id: 'G3', customer_email: 'giver@example.com', ordered_at: '2024-03-01T03:00:00Z', amount: '1000', channel: 'phone', status: 'refunded', refunded_amount: '1000', recipient_email: 'refunded.gift@example.com' },
    ], { actor: 'test', clock });
    expect(summary.rejected).toBe(0);
    await analyze(context.store.db, { asOf: '2024-05-31', clock });

    const rows = (await sql<{ email: string; types: string[]; numbers: Record<string, Record<string, unknown>>; stored_day: string | null; stored_channel: string | null }>`
      select i.value as email, t.types, t.numbers,
        to_char((f.first_interest_at at time zone 'UTC')::date, 'YYYY-MM-DD') as stored_day, f.first_interest_channel as stored_channel
      from customer_identity i
      join customer_type t using (customer_id)
      join customer_trait f using (customer_id)
      where i.value in ('two.gifts@example.com', 'refunded.gift@example.com') order by i.value`.execute(context.store.db)).rows;
    expect(rows.map((row) => ({ email: row.email, types: row.types, lead: row.numbers.lead, consumer: row.numbers.consumer ?? null, stored: [row.stored_day, row.stored_channel] }))).toEqual([
      { email: 'refunded.gift@example.com', types: ['lead'], lead: { firstInterestDay: '2024-03-01', firstInterestChannel: 'phone' }, consumer: null, stored: ['2024-03-01', 'phone'] },
      {
        email: 'two.gifts@example.com', types: ['lead', 'consumer'], lead: { firstInterestDay: '2024-02-01', firstInterestChannel: 'store' },
        consumer: { firstReceivedDay: '2024-04-01' }, stored: ['2024-02-01', 'store'],
      },
    ]);
  });
});
