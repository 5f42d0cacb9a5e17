import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../canonical.js';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

// `clientele import orders … --channel web`: a row whose channel is a word no channel has was told
// to leave it empty, "the order is then imported with channel other", when empty it takes web.

function parseOrder(values: Record<string, string | null>, defaultChannel: 'web' | null) {
  const parser = createRowParser('orders', { file: 'shop.csv', context: testContext, defaultChannel });
  parser.checkHeaders(Object.keys(values));
  return parser.parse({ line: 2, values });
}

const order = { order_id: 'o1', customer_id: 'c1', ordered_at: '2024-03-01', amount: '10' };

describe('an orders file given a channel', () => {
  it('gives it to an order whose channel is empty; the row\'s own channel wins', () => {
    expect((parseOrder({ ...order, channel: '' }, 'web').row as CanonicalOrder).channel).toBe('web');
    expect((parseOrder({ ...order, channel: 'store' }, 'web').row as CanonicalOrder).channel).toBe('store');
  });

  it('says a refused channel left empty takes the file\'s channel, and other without one', () => {
    const given = parseOrder({ ...order, channel: 'Instagram' }, 'web').reject;
    expect(given).toMatchObject({ field: 'channel', code: 'VALUE_NOT_ALLOWED' });
    expect(given?.reason).toContain('or leave it empty (the order then takes the channel given for the file, web)');
    expect(given?.reason).not.toContain('other)');
    expect(parseOrder({ ...order, channel: 'Instagram' }, null).reject?.reason).toContain('or leave it empty (the order is then imported with channel other)');
  });

  it('says so of a refused channel among a row\'s other problems too', () => {
    const rejected = parseOrder({ ...order, amount: 'abc', channel: 'Instagram' }, 'web').reject;
    expect(rejected?.field).toBe('amount');
    expect(rejected?.also?.find((problem) => problem.field === 'channel')?.reason).toContain('the channel given for the file, web');
  });
});
