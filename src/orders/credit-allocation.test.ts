import { describe, expect, it } from 'vitest';
import { allocateCredits, effectiveSale, type CreditNote, type StatedSale } from './credit-allocation.js';

const day = (d: number) => new Date(Date.UTC(2024, 2, d, 10));
const sale = (orderId: number, d: number, amountMinor: number, skus: string[] = [], extra: Partial<StatedSale> = {}): StatedSale =>
  ({ orderId, orderedAt: day(d), amountMinor, refundedMinor: 0, status: 'paid', skus, ...extra });
const note = (orderId: number, d: number, amountMinor: number, skus: string[] = []): CreditNote => ({ orderId, orderedAt: day(d), amountMinor, skus });

describe('allocateCredits', () => {
  it.each([
    { why: 'takes the credit off the sale holding its SKU before a more recent one', sales: [sale(1, 1, 2500, ['X']), sale(2, 5, 3000, ['Z'])], notes: [note(9, 10, 1000, ['X'])],
      expected: [{ creditOrderId: 9, saleOrderId: 1, amountMinor: 1000 }] },
    { why: 'takes the most recent sale first when no SKU tells them apart', sales: [sale(1, 1, 2500), sale(2, 5, 3000)], notes: [note(9, 10, 1000)],
      expected: [{ creditOrderId: 9, saleOrderId: 2, amountMinor: 1000 }] },
    { why: 'gives the rest to the next sale once one keeps nothing', sales: [sale(1, 1, 2500, ['X']), sale(2, 5, 3000, ['Z'])], notes: [note(9, 10, 4000, ['X'])],
      expected: [{ creditOrderId: 9, saleOrderId: 1, amountMinor: 2500 }, { creditOrderId: 9, saleOrderId: 2, amountMinor: 1500 }] },
    { why: 'leaves a credit note before every sale unapplied', sales: [sale(1, 5, 2500)], notes: [note(9, 1, 700)], expected: [] },
    { why: 'takes only what a sale still keeps after its stated refund', sales: [sale(1, 1, 2500, [], { refundedMinor: 2000, status: 'partially_refunded' })], notes: [note(9, 2, 1000)],
      expected: [{ creditOrderId: 9, saleOrderId: 1, amountMinor: 500 }] },
    { why: 'never reduces a sale stated refunded or cancelled', sales: [sale(1, 1, 2500, [], { status: 'cancelled' }), sale(2, 1, 2500, [], { status: 'refunded', refundedMinor: 2500 })],
      notes: [note(9, 2, 1000)], expected: [] },
    { why: 'applies credit notes in time order whatever order they come in', sales: [sale(1, 1, 1000)], notes: [note(8, 4, 1000), note(9, 3, 1000)],
      expected: [{ creditOrderId: 9, saleOrderId: 1, amountMinor: 1000 }] },
  ])('$why', ({ sales, notes, expected }) => {
    expect(allocateCredits(sales, notes)).toEqual(expected);
  });
});

describe('effectiveSale', () => {
  it.each([
    { why: 'a sale that keeps something is partially refunded', credited: 1000, expected: { refundedMinor: 1000, creditedMinor: 1000, status: 'partially_refunded', statedStatus: 'paid' } },
    { why: 'a sale that keeps nothing is refunded', credited: 2500, expected: { refundedMinor: 2500, creditedMinor: 2500, status: 'refunded', statedStatus: 'paid' } },
    { why: 'a sale without credits keeps what was stated', credited: 0, expected: { refundedMinor: 0, creditedMinor: 0, status: 'paid', statedStatus: null } },
  ])('$why', ({ credited, expected }) => {
    expect(effectiveSale(sale(1, 1, 2500), credited)).toEqual({ orderId: 1, ...expected });
  });
});
