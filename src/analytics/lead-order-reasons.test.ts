import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore, type SeedOrder, type SeedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze } from './analyze.service.js';
import { classifyCustomer } from './classify.js';
import { computeVipCutoffs, summarizePurchaseDays } from './customer-facts.js';
import { moneyFormatOf } from './money-format.js';
import { defaultTypePolicy as policy } from './policy.js';
import { classifyCustomersIncremental, customerTypeTimeline } from './types.service.js';

const asOf = '2026-06-30';
const clock = fixedClock('2026-07-05T00:00:00Z');
const order = (customerId: number, day: string, extra: Partial<SeedOrder> = {}): SeedOrder => ({ customerId, day, amountMinor: 100_000, ...extra });

// 1: two orders refunded, and a third placed after the as-of day; 2: one cancelled on the as-of day, late
// in the evening (Asia/Jakarta); 3: a lead who never ordered; 4: one refunded and one cancelled; 5: a buyer
const store: SeedStore = {
  customerIds: [1, 2, 3, 4, 5],
  orders: [
    order(1, '2026-05-10', { status: 'refunded', channel: 'web' }),
    order(1, '2026-06-01', { status: 'refunded', channel: 'store' }),
    order(1, '2026-07-01', { status: 'refunded', channel: 'web', time: '00:30' }),
    order(2, asOf, { status: 'cancelled', channel: 'marketplace', time: '23:30' }),
    order(4, '2026-04-01', { status: 'refunded', channel: 'phone' }),
    order(4, '2026-04-02', { status: 'cancelled', channel: 'phone' }),
    order(5, '2026-06-20'),
  ],
};

const rule = 'a customer is real once a purchase is paid and not fully refunded';

async function leadOf(db: Kysely<Database>, customerId: number) {
  const { current } = await customerTypeTimeline(db, customerId);
  return { types: current?.types, explanation: current?.explanation, numbers: (current?.numbers as Record<string, unknown> | undefined)?.lead };
}

describeEachStore('a lead whose orders were all refunded or cancelled', (context) => {
  it('says what became of their orders by the as-of day, in SQL as in the rules', async () => {
    const db = context.store.db;
    await seedStore(db, store);
    await analyze(db, { asOf, clock });

    expect(await leadOf(db, 1)).toEqual({
      types: ['lead'],
      explanation: `Lead: 2 orders, none verified (2 were refunded), first interest 2026-05-10 via web — ${rule}`,
      numbers: { firstInterestDay: '2026-05-10', firstInterestChannel: 'web', orderCount: 2, refundedOrderCount: 2, cancelledOrderCount: 0 },
    });
    expect(await leadOf(db, 2)).toEqual({
      types: ['lead'],
      explanation: `Lead: 1 order, not verified (1 was cancelled), first interest 2026-06-30 via marketplace — ${rule}`,
      numbers: { firstInterestDay: asOf, firstInterestChannel: 'marketplace', orderCount: 1, refundedOrderCount: 0, cancelledOrderCount: 1 },
    });
    // a lead without orders is told as before, and carries no order figures
    expect(await leadOf(db, 3)).toEqual({
      types: ['lead'], explanation: 'Lead: no verified purchase yet, no sign of interest recorded', numbers: { firstInterestDay: null, firstInterestChannel: null },
    });
    expect((await leadOf(db, 4)).explanation).toBe(`Lead: 2 orders, none verified (1 was refunded, 1 was cancelled), first interest 2026-04-01 via phone — ${rule}`);

    // the TypeScript rules over the same orders give the same figures
    const facts = store.customerIds.map((customerId) => {
      const mine = store.orders.filter((entry) => entry.customerId === customerId);
      const days = mine.filter((entry) => (entry.status ?? 'paid') === 'paid').map((entry) => ({ day: entry.day, amountMinor: entry.amountMinor }));
      const orders = mine.map((entry) => ({ orderedDay: entry.day, hasPromotion: false, status: entry.status ?? 'paid' }));
      const first = mine.filter((entry) => entry.day <= asOf && entry.status !== undefined).sort((a, b) => a.day.localeCompare(b.day))[0];
      return summarizePurchaseDays({ customerId, firstInterestDay: first?.day ?? null, firstInterestChannel: first?.channel ?? null }, days, orders, asOf, policy);
    });
    const classifyContext = { cutoffs: computeVipCutoffs(facts, policy), money: moneyFormatOf('IDR', 'id') };
    for (const fact of facts.filter((entry) => entry.customerId !== 5)) {
      const reference = classifyCustomer(fact, policy, asOf, classifyContext);
      expect(await leadOf(db, fact.customerId)).toEqual({ types: reference.types, explanation: reference.explanation, numbers: reference.numbers.lead });
    }
  });

  it('counts no order placed after the as-of day', async () => {
    const db = context.store.db;
    await seedStore(db, store);
    await analyze(db, { asOf: '2026-03-31', clock });
    for (const customerId of [1, 2, 3, 4, 5]) {
      expect(await leadOf(db, customerId)).toEqual({
        types: ['lead'], explanation: 'Lead: no verified purchase yet, no sign of interest recorded', numbers: { firstInterestDay: null, firstInterestChannel: null },
      });
    }
    // one of the two orders placed by 1 April
    await analyze(db, { asOf: '2026-04-01', clock });
    expect((await leadOf(db, 4)).explanation).toBe(`Lead: 1 order, not verified (1 was refunded), first interest 2026-04-01 via phone — ${rule}`);
  });

  it('rewrites a lead\'s reason when another order of theirs is cancelled or refunded, in a full run and as orders arrive', async () => {
    const db = context.store.db;
    await seedStore(db, store);
    await analyze(db, { asOf, clock });
    // each later the same day as their first: neither the first sign of interest nor any other figure of theirs moves
    const place = (customerId: number, at: string, channel: string, status: string) => sql`
      insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
      values (${customerId}::bigint, 'test', ${`late-${customerId}`}, ${at}::timestamptz, 'IDR', 1000, 1000, ${channel}, ${status})`.execute(db);

    await place(2, '2026-06-30 23:45+07', 'marketplace', 'cancelled');
    await analyze(db, { asOf, clock });
    expect(await leadOf(db, 2)).toMatchObject({
      explanation: `Lead: 2 orders, none verified (2 were cancelled), first interest 2026-06-30 via marketplace — ${rule}`,
      numbers: { orderCount: 2, refundedOrderCount: 0, cancelledOrderCount: 2 },
    });

    // the ingest path keeps the batch's customers current by the same rule
    await place(4, '2026-04-01 18:00+07', 'phone', 'refunded');
    await classifyCustomersIncremental(db, [4], asOf);
    expect((await leadOf(db, 4)).explanation).toBe(`Lead: 3 orders, none verified (2 were refunded, 1 was cancelled), first interest 2026-04-01 via phone — ${rule}`);
    // and a full run agrees, rewriting nothing
    const written = await sql<{ numbers: unknown; updated_at: Date }>`select numbers, updated_at from customer_type where customer_id = 4`.execute(db);
    await analyze(db, { asOf, clock });
    expect((await sql<{ numbers: unknown; updated_at: Date }>`select numbers, updated_at from customer_type where customer_id = 4`.execute(db)).rows).toEqual(written.rows);
  });
});
