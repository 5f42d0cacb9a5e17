import { describe, expect, it } from 'vitest';
import { emptyTotals, withClosedRun } from './run-import.js';

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
