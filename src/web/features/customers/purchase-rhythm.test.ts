import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { medianGap, purchaseRhythm } from './purchase-rhythm.js';

let nextId = 1;
function order(at: string, status: string, amountMinor: number, refundedMinor = 0): TimelineEntry {
  return { at, kind: 'order', id: nextId++, title: `${status} order`, detail: { status, amountMinor, refundedMinor } };
}

describe('purchaseRhythm', () => {
  it('counts a day whose order was refunded in part as a purchase day, as the purchase facts do', () => {
    const entries = [
      order('2024-06-01T03:00:00.000Z', 'paid', 10_000),
      order('2024-06-05T03:00:00.000Z', 'partially_refunded', 8_000, 3_000),
      order('2024-06-09T03:00:00.000Z', 'paid', 6_000),
    ];
    expect(purchaseRhythm(entries, 'Asia/Jakarta')).toEqual([
      { day: '2024-06-01', gapDays: null, amountMinor: 10_000 },
      { day: '2024-06-05', gapDays: 4, amountMinor: 5_000 },
      { day: '2024-06-09', gapDays: 4, amountMinor: 6_000 },
    ]);
  });

  it.each([
    ['refunded', order('2024-06-03T03:00:00.000Z', 'refunded', 9_000, 9_000)],
    ['cancelled', order('2024-06-03T03:00:00.000Z', 'cancelled', 9_000)],
    ['received as a gift', { ...order('2024-06-03T03:00:00.000Z', 'paid', 9_000), detail: { externalId: 'G1', buyerCustomerId: 7, asRecipient: true } }],
    ['an interest event', { at: '2024-06-03T03:00:00.000Z', kind: 'interest', id: 1, title: 'visit', detail: { status: 'paid' } } as TimelineEntry],
  ])('leaves out a day with only an order %s', (_label, entry) => {
    const entries = [order('2024-06-01T03:00:00.000Z', 'paid', 1_000), entry];
    expect(purchaseRhythm(entries, 'Asia/Jakarta').map((point) => point.day)).toEqual(['2024-06-01']);
  });

  it.each([
    // 19:30 and 21:00 in New York on 1 June are 2 June in UTC: one store day, not two
    ['America/New_York', ['2024-06-01T14:00:00.000Z', '2024-06-01T23:30:00.000Z', '2024-06-02T01:00:00.000Z'], ['2024-06-01']],
    // 05:00 in Jakarta on 2 June is still 1 June in UTC
    ['Asia/Jakarta', ['2024-06-01T10:00:00.000Z', '2024-06-01T22:00:00.000Z'], ['2024-06-01', '2024-06-02']],
  ])('groups orders by the calendar day of the store in %s', (timeZone, times, days) => {
    const entries = times.map((at) => order(at, 'paid', 1_000));
    expect(purchaseRhythm(entries, timeZone).map((point) => point.day)).toEqual(days);
  });

  it('counts same-day orders once and adds what they kept', () => {
    const entries = [
      order('2024-06-01T01:00:00.000Z', 'paid', 2_000),
      order('2024-06-01T09:00:00.000Z', 'partially_refunded', 3_000, 1_000),
      order('2024-06-11T01:00:00.000Z', 'paid', 500),
    ];
    expect(purchaseRhythm(entries, 'UTC')).toEqual([
      { day: '2024-06-01', gapDays: null, amountMinor: 4_000 },
      { day: '2024-06-11', gapDays: 10, amountMinor: 500 },
    ]);
  });
});

describe('medianGap', () => {
  it.each([
    [[], null],
    [[null], null],
    [[null, 4, 10, 6], 6],
    [[null, 4, 10], 7],
  ])('of gaps %j is %j', (gaps, median) => {
    expect(medianGap(gaps.map((gapDays, index) => ({ day: `2024-01-${String(index + 1).padStart(2, '0')}`, gapDays, amountMinor: 0 })))).toBe(median);
  });
});
