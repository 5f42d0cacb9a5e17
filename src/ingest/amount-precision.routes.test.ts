import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

// The test store's currency is IDR, which has no minor units: "12.50" rupiah cannot be stored.
describeEachStore('amounts finer than the currency over HTTP', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  const order = (id: string, extra: Record<string, string>) => ({
    order_id: id, customer_email: `${id.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00+07:00', currency: 'IDR', ...extra,
  });

  const send = (records: object[]) => app.inject({ method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers, payload: { records } });

  it('rejects an order whose amount or discount has more decimals than IDR, storing nothing of it, and stores the whole ones', async () => {
    const records = [
      order('P1', { amount: '12.50' }),
      order('P2', { amount: '1200.00' }),
      order('P3', { amount: '45000', discount_amount: '2500,5' }),
    ];
    const response = await send(records);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(response.json().rejects).toEqual([
      expect.objectContaining({
        line: 1, field: 'amount', code: 'AMOUNT_TOO_PRECISE', params: { field: 'amount', value: '12.50', decimals: 1, currency: 'IDR', currencyDecimals: 0 },
        reason: 'amount "12.50" has decimals, but IDR amounts are whole numbers (no cents): write 12 or 13, or check the row\'s currency',
      }),
      expect.objectContaining({ line: 3, field: 'discount_amount', code: 'AMOUNT_TOO_PRECISE' }),
    ]);

    // a unit price is still rounded: exports price items in fractions of the minor unit
    expect((await send([order('P4', { sku: 'S', quantity: '2', unit_price: '2500.50' })])).json()).toMatchObject({ inserted: 1, rejected: 0 });
    const orders = await context.store.db.selectFrom('customer_order').select(['external_id', 'total_minor']).where('source', '=', 'api').orderBy('external_id').execute();
    expect(orders).toEqual([{ external_id: 'P2', total_minor: 1200 }, { external_id: 'P4', total_minor: 5002 }]);
    const customers = await context.store.db.selectFrom('customer_identity').select('value').where('kind', '=', 'email').where('value', 'in', ['p1@example.com', 'p3@example.com']).execute();
    expect(customers).toEqual([]);
    const lines = await context.store.db.selectFrom('order_line').select(['sku', 'unit_price_minor']).execute();
    expect(lines).toEqual([{ sku: 'S', unit_price_minor: 2501 }]);
  });
});
