import { describe, expect, it } from 'vitest';
import { addOrderCounts, hasOrderCounts, tallyOrderFates, type OrderFate } from './order-counts.js';

describe('order counts', () => {
  it.each<[string, OrderFate[], ReturnType<typeof tallyOrderFates>]>([
    ['counts each order once as what it became', ['inserted', 'inserted', 'updated', 'unchanged', 'rejected'], { inserted: 2, updated: 1, unchanged: 1, rejected: 1 }],
    ['leaves out orders an earlier batch of the import counted', ['counted', 'inserted', 'counted'], { inserted: 1, updated: 0, unchanged: 0, rejected: 0 }],
    ['counts nothing in a batch without orders', [], { inserted: 0, updated: 0, unchanged: 0, rejected: 0 }],
  ])('%s', (_name, fates, expected) => {
    expect(tallyOrderFates(fates)).toEqual(expected);
  });

  it('adds up batches', () => {
    expect(addOrderCounts({ inserted: 1, updated: 2, unchanged: 3, rejected: 4 }, { inserted: 10, updated: 20, unchanged: 30, rejected: 40 }))
      .toEqual({ inserted: 11, updated: 22, unchanged: 33, rejected: 44 });
  });

  it('has order counts for orders and lines files only', () => {
    expect((['customers', 'orders', 'lines', 'products', 'events'] as const).filter(hasOrderCounts)).toEqual(['orders', 'lines']);
  });
});
