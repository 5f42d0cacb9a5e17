import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { deleteCustomer } from '../customers/customers.service.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { recomputeTraits } from './traits.repo.js';

const clock = fixedClock('2024-06-01T00:00:00Z');

type OrderRecord = { order_id: string; ordered_at: string; amount: string; channel?: string; status?: string; refunded_amount?: string; promotion_code?: string; recipient_email?: string };

/**
 * The incremental path adds each batch's new orders to the stored facts in SQL
 * (store time zone Asia/Jakarta, currency IDR with no minor unit); these cases
 * are small enough to check by hand, and each is checked against a full
 * recomputation too.
 */
describeEachStore('purchase facts added as orders arrive', (context) => {
  const customerOf = async (email: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where value = ${email}`.execute(context.store.db)).rows[0].customer_id;
  const ingest = async (email: string, orders: OrderRecord[]) => {
    const summary = await ingestRecords(context.store.db, 'orders', orders.map((order) => ({ ...order, customer_email: email })), { actor: 'test', clock });
    expect(summary.rejected).toBe(0);
    return customerOf(email);
  };
  const interestOf = async (customerId: number) => {
    const trait = await traitOf(customerId);
    return { at: trait.first_interest_at === null ? null : new Date(trait.first_interest_at as string).toISOString(), channel: trait.first_interest_channel };
  };
  const traitOf = async (customerId: number) =>
    (await sql<Record<string, unknown>>`select * from customer_trait where customer_id = ${customerId}`.execute(context.store.db)).rows[0];
  const daysOf = async (customerId: number) =>
    (await sql<{ day: string; order_count: number; amount_minor: number }>`
      select to_char(day, 'YYYY-MM-DD') as day, order_count, amount_minor from customer_purchase_day where customer_id = ${customerId} order by day`.execute(context.store.db)).rows;
  const expectSameAsRecomputed = async (customerId: number) => {
    const incremental = { trait: await traitOf(customerId), days: await daysOf(customerId) };
    await recomputeTraits(context.store.db, [customerId], 'Asia/Jakarta');
    const recomputed = { trait: await traitOf(customerId), days: await daysOf(customerId) };
    const { updated_at: _a, ...incrementalTrait } = incremental.trait;
    const { updated_at: _b, ...recomputedTrait } = recomputed.trait;
    expect(incrementalTrait).toEqual(recomputedTrait);
    expect(incremental.days).toEqual(recomputed.days);
  };

  it('counts two orders on the same store day as one purchase day', async () => {
    const customer = await ingest('same-day@example.com', [
      { order_id: 'SD1', ordered_at: '2024-03-01T01:00:00Z', amount: '1000', channel: 'store' },
      { order_id: 'SD2', ordered_at: '2024-03-01T15:00:00Z', amount: '1000', channel: 'web' },
    ]);
    expect(await daysOf(customer)).toEqual([{ day: '2024-03-01', order_count: 2, amount_minor: 2000 }]);
    expect(await traitOf(customer)).toMatchObject({ purchase_days: 1, order_count: 2, revenue_minor: 2000, store_order_count: 1, web_order_count: 1 });
    await expectSameAsRecomputed(customer);
  });

  it('splits days at midnight in the store time zone, not UTC', async () => {
    const customer = await ingest('midnight@example.com', [
      { order_id: 'MN1', ordered_at: '2024-03-01T16:59:59Z', amount: '1000' },
      { order_id: 'MN2', ordered_at: '2024-03-01T17:00:00Z', amount: '1000' },
    ]);
    expect((await daysOf(customer)).map((day) => day.day)).toEqual(['2024-03-01', '2024-03-02']);
    expect(await traitOf(customer)).toMatchObject({ purchase_days: 2 });
    await expectSameAsRecomputed(customer);
  });

  it('leaves refunded and cancelled orders out of purchases but counts what was given back', async () => {
    const customer = await ingest('refunds@example.com', [
      { order_id: 'RF1', ordered_at: '2024-03-01T01:00:00Z', amount: '5000', status: 'refunded' },
      { order_id: 'RF2', ordered_at: '2024-03-01T02:00:00Z', amount: '1000', status: 'cancelled' },
      { order_id: 'RF3', ordered_at: '2024-03-01T03:00:00Z', amount: '3000', status: 'partially_refunded', refunded_amount: '1000', promotion_code: 'SPRING' },
    ]);
    expect(await traitOf(customer)).toMatchObject({ order_count: 1, revenue_minor: 2000, refunded_minor: 6000, refunded_order_count: 2, promotion_order_count: 1 });
    expect(await daysOf(customer)).toEqual([{ day: '2024-03-01', order_count: 1, amount_minor: 2000 }]);
    await expectSameAsRecomputed(customer);
  });

  it('takes the first sign of interest from the earliest order of any status', async () => {
    const customer = await ingest('interest@example.com', [
      { order_id: 'FI2', ordered_at: '2024-03-01T01:00:00Z', amount: '1000', channel: 'web' },
      { order_id: 'FI1', ordered_at: '2024-02-01T00:00:00Z', amount: '1000', channel: 'mobile', status: 'cancelled' },
    ]);
    const trait = await traitOf(customer);
    expect(trait.first_interest_channel).toBe('mobile');
    expect(new Date(trait.first_purchase_at as string).toISOString()).toBe('2024-03-01T01:00:00.000Z');
    await expectSameAsRecomputed(customer);
  });

  it('moves first and last purchase outwards and adds days across batches, as a recomputation would', async () => {
    const email = 'batches@example.com';
    await ingest(email, [{ order_id: 'B2', ordered_at: '2024-03-10T03:00:00Z', amount: '2000', channel: 'mobile' }]);
    await ingest(email, [
      { order_id: 'B1', ordered_at: '2024-03-01T03:00:00Z', amount: '1000', channel: 'store' },
      { order_id: 'B3', ordered_at: '2024-03-10T09:00:00Z', amount: '500', channel: 'store' },
    ]);
    const customer = await ingest(email, [{ order_id: 'B4', ordered_at: '2024-04-01T03:00:00Z', amount: '700', channel: 'web' }]);
    expect(await traitOf(customer)).toMatchObject({ purchase_days: 3, order_count: 4, revenue_minor: 4200, store_order_count: 2, first_interest_channel: 'store' });
    expect(await daysOf(customer)).toEqual([
      { day: '2024-03-01', order_count: 1, amount_minor: 1000 },
      { day: '2024-03-10', order_count: 2, amount_minor: 2500 },
      { day: '2024-04-01', order_count: 1, amount_minor: 700 },
    ]);
    await expectSameAsRecomputed(customer);
  });

  it('takes a gift received from someone else as the recipient\'s first sign of interest, of any status, even in the batch of their own order', async () => {
    await ingest('giver@example.com', [{ order_id: 'G1', ordered_at: '2024-03-05T03:00:00Z', amount: '1000', channel: 'web', recipient_email: 'receiver@example.com' }]);
    const receiver = await customerOf('receiver@example.com');
    expect(await traitOf(receiver)).toMatchObject({ order_count: 0, purchase_days: 0, first_purchase_at: null, first_interest_channel: 'web' });
    expect(await interestOf(receiver)).toEqual({ at: '2024-03-05T03:00:00.000Z', channel: 'web' });
    await expectSameAsRecomputed(receiver);

    // a later gift leaves it; an earlier one, cancelled, moves it, as the lifecycle report acquires them
    await ingest('giver@example.com', [
      { order_id: 'G2', ordered_at: '2024-04-01T03:00:00Z', amount: '1000', channel: 'mobile', recipient_email: 'receiver@example.com' },
      { order_id: 'G0', ordered_at: '2024-02-01T03:00:00Z', amount: '1000', channel: 'store', status: 'cancelled', recipient_email: 'receiver@example.com' },
    ]);
    expect(await interestOf(receiver)).toEqual({ at: '2024-02-01T03:00:00.000Z', channel: 'store' });
    await expectSameAsRecomputed(receiver);

    // their own purchase and an earlier gift in one batch: both reach their facts
    const summary = await ingestRecords(context.store.db, 'orders', [
      { order_id: 'R1', customer_email: 'receiver@example.com', ordered_at: '2024-05-01T03:00:00Z', amount: '2000', channel: 'web' },
      { order_id: 'G3', customer_email: 'giver@example.com', ordered_at: '2024-01-15T03:00:00Z', amount: '1000', channel: 'phone', recipient_email: 'receiver@example.com' },
    ], { actor: 'test', clock });
    expect(summary.rejected).toBe(0);
    expect(await traitOf(receiver)).toMatchObject({ order_count: 1, purchase_days: 1, revenue_minor: 2000, web_order_count: 1 });
    expect(await interestOf(receiver)).toEqual({ at: '2024-01-15T03:00:00.000Z', channel: 'phone' });
    await expectSameAsRecomputed(receiver);
    // the buyer's own facts are theirs alone: four orders, one of them cancelled
    const giver = await customerOf('giver@example.com');
    expect(await traitOf(giver)).toMatchObject({ order_count: 3, refunded_order_count: 0 });
    expect(await interestOf(giver)).toEqual({ at: '2024-01-15T03:00:00.000Z', channel: 'phone' });
    await expectSameAsRecomputed(giver);
  });

  it('moves a recipient\'s first sign of interest when their gift goes to someone else, and takes it when its buyer is deleted', async () => {
    const gift = (recipient: string) => [{ order_id: 'H1', ordered_at: '2024-03-01T03:00:00Z', amount: '1000', channel: 'web', recipient_email: recipient }];
    const buyer = await ingest('changing.giver@example.com', gift('first.recipient@example.com'));
    const first = await customerOf('first.recipient@example.com');
    expect(await interestOf(first)).toEqual({ at: '2024-03-01T03:00:00.000Z', channel: 'web' });

    await ingest('changing.giver@example.com', gift('second.recipient@example.com'));
    const second = await customerOf('second.recipient@example.com');
    expect(await interestOf(first)).toEqual({ at: null, channel: null });
    expect(await interestOf(second)).toEqual({ at: '2024-03-01T03:00:00.000Z', channel: 'web' });
    await expectSameAsRecomputed(first);
    await expectSameAsRecomputed(second);

    await deleteCustomer(context.store.db, buyer, { clock });
    expect(await interestOf(second)).toEqual({ at: null, channel: null });
    await expectSameAsRecomputed(second);
  });
});
