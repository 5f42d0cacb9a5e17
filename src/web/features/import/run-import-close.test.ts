import { describe, expect, it } from 'vitest';
import { emptyTotals, ordersRejectedHere, withClosedRun, withOrdersRejectedHere } from './run-import.js';

describe('an import run closed as completed', () => {
  const sent = { ...emptyTotals, read: 6, inserted: 1, updated: 1, unchanged: 4, orders: { inserted: 1, updated: 1, unchanged: 2, rejected: 0 } };

  it('counts the orders whose unrestated lines the close removed as updated, as the stored run does', () => {
    expect(withClosedRun(sent, { updated_count: 2 })).toMatchObject({
      updated: 2, unchanged: 3, orders: { inserted: 1, updated: 2, unchanged: 1, rejected: 0 },
    });
  });

  it('keeps the batches\' totals when the close moved nothing', () => {
    expect(withClosedRun(sent, { updated_count: 1 })).toBe(sent);
  });
});

describe('the orders of the rows refused in the browser', () => {
  const records = [{ line: 2, record: { order_id: '536365', customer_id: '17850' } }, { line: 4, record: { order_id: ' 536367.0 ', customer_id: '13047' } }];

  it('counts once each order no sent record names, as the CLI counts the order of a row it refused', () => {
    expect(ordersRejectedHere('orders', records, ['536366', '536368', '536365'])).toBe(2);
  });

  it('leaves out orders some of whose rows were sent (their batch counted them), read as the server keys ids, and files without orders', () => {
    expect(ordersRejectedHere('orders', records, ['536365', '536367'])).toBe(0);
    expect(ordersRejectedHere('orders', records, [])).toBe(0);
    expect(ordersRejectedHere('customers', [], ['536366'])).toBe(0);
    expect(ordersRejectedHere('lines', [], ['L-1'])).toBe(1);
  });

  it('adds them to the orders the batches counted, or starts the orders counts when no batch answered', () => {
    expect(withOrdersRejectedHere({ ...emptyTotals, orders: { inserted: 3, updated: 0, unchanged: 1, rejected: 1 } }, 2).orders).toEqual({ inserted: 3, updated: 0, unchanged: 1, rejected: 3 });
    expect(withOrdersRejectedHere(emptyTotals, 67).orders).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 67 });
    expect(withOrdersRejectedHere(emptyTotals, 0)).toBe(emptyTotals);
  });
});
