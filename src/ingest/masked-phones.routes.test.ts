import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// The API builds its rows as a file import does: a phone a marketplace masked is no identity there either.
describeEachStore('masked phones over HTTP', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-31T00:00:00Z') });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  it('keeps three buyers of one masked number apart by their ids, stores no phone, and rejects the buyer known only by it', async () => {
    const record = (order: string, customer: string, phone: string) => ({ order_id: order, customer_id: customer, customer_phone: phone, ordered_at: '2026-11-01T10:00:00+07:00', amount: '10000' });
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: { ...ingestKey.headers, 'idempotency-key': 'masked-1' },
      payload: { records: [record('H1', 'ani_w', '0812-3456-7***'), record('H2', 'bambang88', '0812-3456-7***'), record('H3', 'citra.s', '0812-3456-7***'), record('H4', '', '0812-3456-7***')] },
    });
    expect(response.statusCode).toBe(200);
    // the batch names its buyers by customer_id, this record's empty: it is told to fill it in
    expect(response.json()).toMatchObject({ read: 4, inserted: 3, rejected: 1, rejects: [expect.objectContaining({
      index: 3, field: 'customer_phone', code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '0812-3456-7***', otherIdentity: 'empty', identity: 'customer_id' },
    })] });
    const orders = await context.store.db.selectFrom('customer_order').select(['external_id', 'customer_id']).where('external_id', 'in', ['H1', 'H2', 'H3']).execute();
    expect(new Set(orders.map((order) => order.customer_id)).size).toBe(3);
    expect(await context.store.db.selectFrom('customer_identity').select('value').where('kind', '=', 'phone').execute()).toEqual([]);
    // a batch sent alone names its records by their place in it
    expect(response.json().maskedPhones).toEqual({ rows: 3, first: { line: 1, field: 'customer_phone', value: '0812-3456-7***' } });
  });

  it('answers each batch of an open run with its rows whose masked phone was ignored and the first by its line in the file, as the CLI\'s summary counts them', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers: ingestKey.headers, payload: { entity: 'orders', fileName: 'shopee.csv' } });
    expect(opened.statusCode).toBe(201);
    const { import_id: importId } = opened.json() as { import_id: number };
    const record = (order: string, customer: string, phone: string, recipientPhone?: string) => ({
      order_id: order, customer_id: customer, customer_phone: phone, ordered_at: '2026-11-01T10:00:00+07:00', amount: '10000', ...(recipientPhone ? { recipient_phone: recipientPhone } : {}),
    });
    const send = (key: string, records: object[], lines: number[]) => app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: { ...ingestKey.headers, 'idempotency-key': key }, payload: { records, lines, importId, source: 'shopee-run' },
    });
    // line 40 has a whole number and a masked recipient, 41 a masked buyer and recipient (counted once), 42 no other identity (a reject, not counted here)
    const firstRecords = [
      record('R1', 'dewi', '0812-3456-7890', '628******123'), record('R2', 'eko', '******7890', '0813-1111-2***'), record('R3', '', '0812-3456-7***'), record('R4', 'fajar', ''),
    ];
    const first = await send('masked-run-1', firstRecords, [40, 41, 42, 43]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ read: 4, inserted: 3, rejected: 1, rejects: [expect.objectContaining({ line: 42, code: 'PHONE_MASKED' })] });
    expect(first.json().maskedPhones).toEqual({ rows: 2, first: { line: 40, field: 'recipient_phone', value: '628******123' } });
    const second = await send('masked-run-2', [record('R5', 'gita', '0812-9999-0000'), record('R6', 'hadi', '0812 **** 4321')], [44, 45]);
    expect(second.json().maskedPhones).toEqual({ rows: 1, first: { line: 45, field: 'customer_phone', value: '0812 **** 4321' } });
    const none = await send('masked-run-3', [record('R7', 'indah', '0812-5555-6666')], [46]);
    expect(none.json().maskedPhones).toEqual({ rows: 0, first: null });
    // a retry of a lost answer is answered the same
    const replay = await send('masked-run-1', firstRecords, [40, 41, 42, 43]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().maskedPhones).toEqual(first.json().maskedPhones);
  });
});
