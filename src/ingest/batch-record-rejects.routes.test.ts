import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import type { JsonSchema, OpenApiDocument } from '../../test/helpers/openapi.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

const clock = fixedClock('2027-01-01T00:00:00Z');

// An integrator's findings on POST /api/ingest/{entity}: a record lacking a required field was a
// reject beside a valid record but sank a batch of its own (400), and a reject's `raw` was the
// record's values joined like a CSV row under no header, missing altogether for a missing rate. A
// file import still stops at a missing column (import-file-formats.test.ts, row-parser.test.ts).
describeEachStore('rejects of an API batch: each record judged alone, named by index and as sent', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'batch-record-rejects')).headers;
  });
  afterAll(async () => app?.close());

  const send = (entity: string, records: object[], extra: object = {}) => app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload: { records, ...extra } });
  const storedOrders = (ids: string[]) => context.store.db.selectFrom('customer_order').select('external_id').where('external_id', 'in', ids).orderBy('external_id').execute();
  const noAmount = { order_id: 'IV-1', customer_id: 'iv', ordered_at: '2026-12-01T10:00:00Z' };
  const valid = { order_id: 'IV-OK', customer_id: 'iv-ok', ordered_at: '2026-12-01T10:00:00Z', amount: 5 };

  it('rejects an order without an amount alone, FIELD_REQUIRED on amount, whether or not a valid record is beside it', async () => {
    const alone = await send('orders', [noAmount]);
    expect(alone.statusCode).toBe(200);
    expect(alone.json()).toMatchObject({ read: 1, inserted: 0, rejected: 1, rejects: [{ index: 0, line: 1, field: 'amount', code: 'FIELD_REQUIRED', params: { field: 'amount' } }] });
    expect(alone.json().rejects[0].reason).toMatch(/^amount is empty; every order needs its total/);

    const beside = await send('orders', [valid, { ...noAmount, order_id: 'IV-2' }]);
    expect(beside.statusCode).toBe(200);
    expect(beside.json()).toMatchObject({ read: 2, inserted: 1, rejected: 1, rejects: [{ index: 1, line: 2, field: 'amount', code: 'FIELD_REQUIRED' }] });
    expect(beside.json().rejects[0].reason).toBe(alone.json().rejects[0].reason);
    expect(await storedOrders(['IV-1', 'IV-2', 'IV-OK'])).toEqual([{ external_id: 'IV-OK' }]);
  });

  it('answers 200 with every record rejected when none of the batch has the field, for events and customers too', async () => {
    const orders = await send('orders', [noAmount, { ...noAmount, order_id: 'IV-3' }]);
    expect(orders.statusCode).toBe(200);
    expect(orders.json()).toMatchObject({ read: 2, inserted: 0, rejected: 2, rejects: [{ index: 0, field: 'amount', code: 'FIELD_REQUIRED' }, { index: 1, field: 'amount', code: 'FIELD_REQUIRED' }] });

    const events = await send('events', [{ customer_id: 'ev-1', kind: 'visit' }]);
    expect(events.statusCode).toBe(200);
    expect(events.json()).toMatchObject({ inserted: 0, rejected: 1, rejects: [{ index: 0, field: 'occurred_at', code: 'FIELD_REQUIRED' }] });

    const customers = await send('customers', [{ name: 'No Identity', city: 'Riga' }]);
    expect(customers.statusCode).toBe(200);
    expect(customers.json()).toMatchObject({ inserted: 0, rejected: 1, rejects: [{ index: 0, field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING' }] });
    const mixed = await send('customers', [{ customer_id: 'has-id' }, { name: 'No Identity', city: 'Riga' }]);
    expect(mixed.json()).toMatchObject({ inserted: 1, rejected: 1, rejects: [{ index: 1, field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING' }] });
  });

  it('gives every reject the record as sent, as JSON text, and its index in records beside its line', async () => {
    const unpriced = { order_id: 'M1', customer_id: 'C-77', ordered_at: '2026-12-01T10:00:00Z' };
    const euros = { order_id: 'M2', customer_id: 'C-77', amount: 5, ordered_at: '2026-12-01T10:00:00Z', currency: 'EUR' };
    const response = await send('orders', [valid, unpriced, euros], { lines: [10, 20, 30] });
    expect(response.statusCode).toBe(200);
    expect(response.json().rejects).toEqual([
      expect.objectContaining({ index: 1, line: 20, field: 'amount', code: 'FIELD_REQUIRED', raw: JSON.stringify(unpriced) }),
      // found by the writer, not the row parser: it had no raw at all
      expect.objectContaining({ index: 2, line: 30, field: 'currency', code: 'CURRENCY_RATE_MISSING', raw: '{"order_id":"M2","customer_id":"C-77","amount":5,"ordered_at":"2026-12-01T10:00:00Z","currency":"EUR"}' }),
    ]);
    expect(JSON.parse(response.json().rejects[1].raw)).toEqual(euros);
  });

  it('names the other rows of an order a bad line rejects by index and raw too', async () => {
    const line = (sku: string, unitPrice: string) => ({ order_id: 'W1', customer_id: 'w1', ordered_at: '2026-12-01T10:00:00Z', sku, quantity: 1, unit_price: unitPrice });
    const records = [line('A', '10'), line('B', 'ten')];
    const response = await send('orders', records);
    expect(response.json()).toMatchObject({ inserted: 0, rejected: 2 });
    expect(response.json().rejects.map((reject: { index: number; code: string; raw: string }) => [reject.index, reject.code, reject.raw])).toEqual([
      [0, 'ORDER_ROW_REJECTED', JSON.stringify(records[0])],
      [1, 'AMOUNT_UNREADABLE', JSON.stringify(records[1])],
    ]);
  });

  it('documents index, line and raw in the OpenAPI document', async () => {
    const document: OpenApiDocument = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ok = (document.paths['/api/ingest/{entity}'].post as unknown as { responses: Record<string, { content: Record<string, { schema: JsonSchema }> }> }).responses['200'];
    const summary = ok.content['application/json'].schema;
    const reject = ((summary.properties as Record<string, JsonSchema>).rejects.items) as JsonSchema;
    const properties = reject.properties as Record<string, JsonSchema>;
    expect(reject.required).toEqual(expect.arrayContaining(['index', 'line', 'raw']));
    expect(String(properties.index.description)).toContain('from 0');
    expect(String(properties.line.description)).toContain('index + 1');
    expect(String(properties.raw.description)).toContain('as JSON text');
  });
});
