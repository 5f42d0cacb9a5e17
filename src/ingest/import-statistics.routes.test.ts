import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import type { Store } from '../db/client.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { backgroundStatisticsSettled } from '../db/server-statistics.js';

// autovacuum is off on the test server, as on a server where it is: only the import analyses (db/server-statistics.ts),
// in the background once the request has answered: the counts are read once that refresh has ended
(testStoreKinds().includes('server') ? describe : describe.skip)('planner statistics after an API import on a server store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('server'));
    app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    ({ headers } = await createTestApiKey(store, ['ingest'], 'statistics-feed'));
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  const analyses = async (table: string) => Number((await sql<{ count: number }>`
    select analyze_count::int as count from pg_stat_user_tables where schemaname = current_schema() and relname = ${table}`.execute(store.db)).rows[0].count);
  const orders = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({
    order_id: `S${from + index}`, customer_email: `stat.${(from + index) % 700}@example.com`, ordered_at: `2024-0${1 + (index % 9)}-1${index % 10}T10:00:00Z`, channel: 'web', amount: 100 + index,
  }));
  const refreshed = () => backgroundStatisticsSettled(store.db);
  const send = async (payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('analyses what a one-request import changed enough, not a small batch', async () => {
    await send({ records: orders(0, 10) });
    await refreshed();
    expect(await analyses('customer_order')).toBe(0);
    await send({ records: orders(10, 3000) });
    await refreshed();
    expect(await analyses('customer_order')).toBe(1);
    expect(await analyses('customer')).toBe(1);
  }, 120_000);

  it('analyses an open run\'s tables when it is closed, not batch by batch', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity: 'orders', fileName: 'more-orders.csv' } });
    const importId = opened.json().import_id as number;
    const before = await analyses('customer_order');
    for (const from of [5000, 10_000, 15_000]) await send({ importId, records: orders(from, 4000) });
    expect(await analyses('customer_order')).toBe(before);
    const closed = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status: 'completed' } });
    expect(closed.statusCode).toBe(200);
    await refreshed();
    expect(await analyses('customer_order')).toBe(before + 1);
  }, 120_000);
});
