import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// A sender whose answer to "open a run" is lost retries it: the retry must answer the run it opened, not open a second one.
describeEachStore('opening an import run with an Idempotency-Key', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;
  let otherHeaders: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'open-idempotent')).headers;
    otherHeaders = (await createTestApiKey(context.store, ['ingest'], 'open-idempotent-other')).headers;
  });
  afterAll(async () => app?.close());

  const open = (payload: Record<string, unknown>, key: string | null, as = headers) =>
    app.inject({ method: 'POST', url: '/api/imports', headers: { ...as, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const runCount = async () => Number((await context.store.db.selectFrom('import_run').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers a retry with the same key and body with the run the first request opened, and opens no other', async () => {
    const before = await runCount();
    const first = await open({ entity: 'orders', fileName: 'till.csv' }, 'open-run-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const run = first.json();
    const retry = await open({ entity: 'orders', fileName: 'till.csv' }, 'open-run-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(`/api/imports/${run.import_id}`);
    expect(retry.json()).toEqual(run);
    expect(await runCount()).toBe(before + 1);

    // the run as it is now: a batch sent to it since shows in the replay's counts
    const batch = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: {
      importId: run.import_id, records: [{ order_id: 'T-1', customer_email: 't1@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10' }],
    } });
    expect(batch.json()).toMatchObject({ importId: run.import_id, inserted: 1 });
    expect((await open({ entity: 'orders', fileName: 'till.csv' }, 'open-run-1')).json()).toMatchObject({ import_id: run.import_id, read_count: 1, inserted_count: 1 });
  });

  it('refuses the same key with another body, and keeps each caller\'s keys apart', async () => {
    const first = (await open({ entity: 'orders', fileName: 'a.csv' }, 'open-run-2')).json();
    const refused = await open({ entity: 'orders', fileName: 'b.csv' }, 'open-run-2');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'INGEST_IDEMPOTENCY_MISMATCH', field: 'Idempotency-Key' });
    expect(refused.json().error.message).toContain('"open-run-2" was already used with a different request body');

    const others = await open({ entity: 'orders', fileName: 'a.csv' }, 'open-run-2', otherHeaders);
    expect(others.statusCode).toBe(201);
    expect(others.headers['idempotent-replayed']).toBeUndefined();
    expect(others.json().import_id).not.toBe(first.import_id);

    // without a key, each request opens a run of its own, as before
    const before = await runCount();
    await open({ entity: 'customers' }, null);
    await open({ entity: 'customers' }, null);
    expect(await runCount()).toBe(before + 2);
  });
});
