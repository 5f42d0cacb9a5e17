import { describe, expect, it } from 'vitest';
import { aggregateOrderFacts, type OrderFact } from './order-facts.js';

const order = (overrides: Partial<OrderFact>): OrderFact => ({
  customerId: 1, orderId: 1, orderedAt: new Date('2024-03-01T01:00:00Z'), amountMinor: 1000, refundedMinor: 0, status: 'paid', channel: 'store', hasPromotion: false, ...overrides,
});

describe('aggregateOrderFacts', () => {
  it('counts two orders on the same store day as one purchase day', () => {
    const { days, customers } = aggregateOrderFacts([order({ orderId: 1 }), order({ orderId: 2, orderedAt: new Date('2024-03-01T15:00:00Z'), channel: 'web' })], 'Asia/Jakarta');
    expect(days).toEqual([{ customerId: 1, day: '2024-03-01', orderCount: 2, amountMinor: 2000 }]);
    expect(customers[0]).toMatchObject({ orderCount: 2, revenueMinor: 2000, channelCounts: { store: 1, web: 1 } });
  });

  it('splits days at midnight in the store time zone, not UTC', () => {
    const { days } = aggregateOrderFacts([order({ orderId: 1, orderedAt: new Date('2024-03-01T16:59:59Z') }), order({ orderId: 2, orderedAt: new Date('2024-03-01T17:00:00Z') })], 'Asia/Jakarta');
    expect(days.map((d) => d.day)).toEqual(['2024-03-01', '2024-03-02']);
  });

  it('leaves refunded and cancelled orders out of purchases but counts what was given back', () => {
    const { days, customers } = aggregateOrderFacts([
      order({ orderId: 1, status: 'refunded', amountMinor: 5000 }),
      order({ orderId: 2, status: 'cancelled' }),
      order({ orderId: 3, status: 'partially_refunded', amountMinor: 3000, refundedMinor: 1000, hasPromotion: true }),
    ], 'UTC');
    expect(customers[0]).toMatchObject({ orderCount: 1, revenueMinor: 2000, refundedMinor: 6000, refundedOrderCount: 2, promotionOrderCount: 1 });
    expect(days).toEqual([{ customerId: 1, day: '2024-03-01', orderCount: 1, amountMinor: 2000 }]);
  });

  it('takes the first sign of interest from the earliest order of any status', () => {
    const { customers } = aggregateOrderFacts([order({ orderId: 2, channel: 'web' }), order({ orderId: 1, status: 'cancelled', channel: 'mobile', orderedAt: new Date('2024-02-01T00:00:00Z') })], 'UTC');
    expect(customers[0]).toMatchObject({ firstInterestChannel: 'mobile', firstPurchaseAt: new Date('2024-03-01T01:00:00Z') });
  });
});
