import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// What a run's batches remember of their rows for the next batch (import_row_text) is not needed once
// the run ends: closing it forgets it, as the end of a file import does, whether it completed or failed.
describeEachStore('closing an open import run', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'run-memory')).headers;
  });
  afterAll(async () => app?.close());

  const remembered = async (importId: number) =>
    (await sql<{ rows: number }>`select count(*)::int as rows from import_row_text where import_id = ${importId}::bigint`.execute(context.store.db)).rows[0].rows;
  const openRun = async (entity: string) => (await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity, fileName: `${entity}.csv` } })).json().import_id as number;
  const batch = (entity: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload: body });
  const close = (importId: number, status: string) => app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status } });

  it.each([
    ['orders', 'completed', [{ order_id: 'MEM-O1', customer_email: 'mem-o1@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10' }]],
    ['events', 'failed', [{ event_id: 'MEM-E1', customer_email: 'mem-e1@example.com', kind: 'visit', occurred_at: '2024-06-01T10:00:00Z' }]],
  ])('forgets what a run of %s remembered of its rows when it is closed as %s', async (entity, status, records) => {
    const importId = await openRun(entity);
    expect((await batch(entity, { importId, lines: [2], records })).statusCode).toBe(200);
    expect(await remembered(importId)).toBe(1);
    expect((await close(importId, status)).json()).toMatchObject({ status });
    expect(await remembered(importId)).toBe(0);
  });
});
