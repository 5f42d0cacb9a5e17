import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

describeEachStore('a file sent in batches is one import run', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let ingestKey: { headers: Record<string, string> };
  let otherKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    ingestKey = await createTestApiKey(context.store, ['ingest'], 'runs-ingest');
    otherKey = await createTestApiKey(context.store, ['ingest'], 'runs-other');
  });
  afterAll(async () => app?.close());

  const order = (id: string, email: string, amount = '10') => ({ order_id: id, customer_email: email, ordered_at: '2024-06-01T10:00:00Z', amount });
  const open = (entity: string, headers = ingestKey.headers, fileName = 'shop-orders.csv') =>
    app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity, fileName } });
  const batch = (entity: string, body: Record<string, unknown>, headers: Record<string, string> = ingestKey.headers) =>
    app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload: body });
  const close = (importId: number, status: string, headers = ingestKey.headers) =>
    app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status } });

  it('adds each batch to the run, finds an order id repeated in a later batch, names the file\'s lines, and lists the file once', async () => {
    const opened = await open('orders');
    expect(opened.statusCode).toBe(201);
    const run = opened.json();
    expect(run).toMatchObject({ entity: 'orders', file_name: 'shop-orders.csv', status: 'running', read_count: 0, order_inserted_count: 0 });
    expect(opened.headers.location).toBe(`/api/imports/${run.import_id}`);

    const first = await batch('orders', { importId: run.import_id, lines: [2, 3, 4], records: [order('R1', 'r1@example.com'), order('R2', 'r2@example.com'), order('R3', 'r1@example.com')] });
    expect(first.json()).toMatchObject({ importId: run.import_id, read: 3, inserted: 3, rejected: 0 });
    const second = await batch('orders', { importId: run.import_id, lines: [5, 7], records: [order('R2', 'r2@example.com', '12'), order('R4', 'r4@example.com')] });
    expect(second.json()).toMatchObject({ importId: run.import_id, read: 2, inserted: 1, rejected: 1 });
    // the second R2 is the file's duplicate, not an update of the order its first row stored
    expect(second.json().rejects).toEqual([expect.objectContaining({ file: 'shop-orders.csv', line: 5, field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'R2', firstLine: 3, column: 'amount', value: '12', firstValue: '10' } })]);
    const stored = await context.store.db.selectFrom('customer_order').select(['external_id', 'amount_minor', 'import_id', 'import_line'])
      .where('import_id', '=', run.import_id).orderBy('import_line').execute();
    expect(stored.map((row) => [row.external_id, Number(row.import_line)])).toEqual([['R1', 2], ['R2', 3], ['R3', 4], ['R4', 7]]);
    expect(new Set(stored.map((row) => Number(row.amount_minor))).size).toBe(1);

    const running = await app.inject({ method: 'GET', url: `/api/imports/${run.import_id}`, headers: admin.headers });
    expect(running.json()).toMatchObject({ status: 'running', read_count: 5, inserted_count: 4, rejected_count: 1, finished_at: null });
    const closed = await close(run.import_id, 'completed');
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'completed', read_count: 5, inserted_count: 4, rejected_count: 1, order_inserted_count: 4, order_rejected_count: 0 });
    // (R2 counts once, as inserted: its first row was stored, as in a file imported by the CLI)
    expect(closed.json().finished_at).not.toBeNull();
    // closing again as completed is answered again; a run that ended cannot end otherwise or take more batches
    expect((await close(run.import_id, 'completed')).statusCode).toBe(200);
    expect((await close(run.import_id, 'failed')).json().error.code).toBe('IMPORT_RUN_ENDED_CONFLICT');
    const late = await batch('orders', { importId: run.import_id, records: [order('R5', 'r5@example.com')] });
    expect({ status: late.statusCode, code: late.json().error.code }).toEqual({ status: 409, code: 'IMPORT_RUN_ENDED_CONFLICT' });

    const runs = (await app.inject({ method: 'GET', url: '/api/imports?limit=50', headers: admin.headers })).json().items as Array<{ import_id: number; file_name: string | null }>;
    expect(runs.filter((listed) => listed.file_name === 'shop-orders.csv').map((listed) => listed.import_id)).toEqual([run.import_id]);
    expect(await context.store.db.selectFrom('customer_order').select('external_id').where('external_id', '=', 'R5').execute()).toEqual([]);
  });

  it('lets a batch join only a running run of its own entity that its sender opened', async () => {
    const run = (await open('orders')).json();
    const records = [order('X1', 'x1@example.com')];
    const refused = async (body: Record<string, unknown>, headers?: Record<string, string>, entity = 'orders') => {
      const response = await batch(entity, { records, ...body }, headers);
      return { status: response.statusCode, code: response.json().error?.code };
    };
    expect(await refused({ importId: run.import_id }, otherKey.headers)).toEqual({ status: 403, code: 'IMPORT_RUN_FORBIDDEN' });
    const visit = { event_id: 'V1', customer_email: 'x1@example.com', kind: 'visit', occurred_at: '2024-06-01T10:00:00Z' };
    expect(await refused({ importId: run.import_id, records: [visit] }, undefined, 'events')).toEqual({ status: 409, code: 'IMPORT_RUN_ENTITY_CONFLICT' });
    expect(await refused({ importId: 999_999 })).toEqual({ status: 404, code: 'IMPORT_RUN_NOT_FOUND' });
    expect(await refused({ importId: run.import_id, lines: [2, 3] })).toEqual({ status: 400, code: 'INGEST_LINES_MISMATCH' });
    expect((await close(run.import_id, 'failed', otherKey.headers)).json().error.code).toBe('IMPORT_RUN_FORBIDDEN');
    // nothing refused was stored or counted
    expect(await context.store.db.selectFrom('customer_order').select('external_id').where('external_id', '=', 'X1').execute()).toEqual([]);
    // rows the sender refused before sending count as read and rejected, so the run counts the whole file
    const cancelled = await app.inject({ method: 'POST', url: `/api/imports/${run.import_id}/close`, headers: ingestKey.headers, payload: { status: 'failed', rejectedBySender: 2 } });
    expect(cancelled.json()).toMatchObject({ status: 'failed', read_count: 2, rejected_count: 2, inserted_count: 0 });
    // and only once: a retried close answers the run as it is
    const retried = await app.inject({ method: 'POST', url: `/api/imports/${run.import_id}/close`, headers: ingestKey.headers, payload: { status: 'failed', rejectedBySender: 2 } });
    expect(retried.json()).toMatchObject({ read_count: 2, rejected_count: 2 });
  });

  it('answers a retried batch of a run from its first answer, without counting its rows twice or calling them duplicates', async () => {
    const run = (await open('orders')).json();
    const body = { importId: run.import_id, lines: [2, 3], records: [order('K1', 'k1@example.com'), order('K2', 'k2@example.com')] };
    const headers = { ...ingestKey.headers, 'idempotency-key': `run-${run.import_id}-batch-1` };
    const [first, retry] = await Promise.all([batch('orders', body, headers), batch('orders', body, headers)]);
    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    expect(first.json()).toEqual(retry.json());
    expect(first.json()).toMatchObject({ inserted: 2, rejected: 0 });
    const again = await batch('orders', body, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await close(run.import_id, 'completed')).json()).toMatchObject({ read_count: 2, inserted_count: 2, rejected_count: 0 });
  });

  it('keeps what a customer file told about a person across batches, and reads an interrupted run as such', async () => {
    const run = (await open('customers', ingestKey.headers, 'people.csv')).json();
    await batch('customers', { importId: run.import_id, lines: [2], records: [{ customer_id: 'P1', email: 'p1@example.com', name: 'Putu' }] });
    const second = await batch('customers', { importId: run.import_id, lines: [9], records: [{ customer_id: 'P1', email: 'p1-other@example.com' }] });
    expect(second.json().rejects).toEqual([expect.objectContaining({ file: 'people.csv', line: 9, code: 'CUSTOMER_DUPLICATE_IN_FILE', params: expect.objectContaining({ firstLine: 2 }) })]);
    await context.store.db.updateTable('import_run').set({ heartbeat_at: new Date(Date.now() - 11 * 60_000) }).where('import_id', '=', run.import_id).execute();
    expect((await app.inject({ method: 'GET', url: `/api/imports/${run.import_id}`, headers: admin.headers })).json().status).toBe('interrupted');
    const late = await batch('customers', { importId: run.import_id, records: [{ customer_id: 'P2', email: 'p2@example.com' }] });
    expect(late.json().error.code).toBe('IMPORT_RUN_ENDED_CONFLICT');
    // its sender can still say how it ended, and what the run remembered of the file goes
    expect((await close(run.import_id, 'failed')).json().status).toBe('failed');
    const remembered = await context.store.db.selectFrom('import_seen_ref').select('import_id').where('import_id', '=', run.import_id).execute();
    expect(remembered).toEqual([]);
  });
});
