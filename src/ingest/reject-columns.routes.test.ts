import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// A record's key read as a field under another spelling is named in its reject, as a file's column is.
describeEachStore('rejects naming the record\'s own key over HTTP', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-31T00:00:00Z') });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  it('gives the key as the reject\'s column, in its reason and in its other problems, keeping field and code', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers,
      payload: { records: [
        { order_id: 'K1', customer_id: 'C1', 'Ordered At': '', Amount: '10', 'Refunded Amount': '20' },
        { order_id: 'K2', customer_id: 'C1', 'Ordered At': '2026-03-01', Amount: '10', 'Refunded Amount': '0' },
      ] },
    });
    expect(response.statusCode).toBe(200);
    const { rejects } = response.json();
    expect(rejects).toEqual([
      expect.objectContaining({ index: 0, field: 'ordered_at', column: 'Ordered At', code: 'FIELD_REQUIRED', params: { field: 'ordered_at' }, reason: 'Ordered At (ordered_at) is empty; every order needs the time it was placed' }),
    ]);
    // "Amount" is named as its field, its case aside: no column
    expect(rejects[0].also).toEqual([{
      field: 'refunded_amount', column: 'Refunded Amount', code: 'REFUND_EXCEEDS_TOTAL', params: { refunded: '20', total: '10' },
      reason: 'Refunded Amount (refunded_amount) "20" is more than the order amount "10"; check both columns',
    }]);
  });
});
