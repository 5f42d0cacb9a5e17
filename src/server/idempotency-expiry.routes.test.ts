import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from './app.js';
import { answerKeptForHours, sweepExpiredAnswers } from './idempotency.js';

// An answer is kept a day for retries: after it the key starts a new request, and the sweep deletes what has expired.
describeEachStore('answers kept for Idempotency-Key retries expire after a day', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'expiry')).headers;
  });
  afterAll(async () => app?.close());

  const send = (key: string, orderId: string) => app.inject({ method: 'POST', url: '/api/ingest/orders', headers: { ...headers, 'idempotency-key': key }, payload: {
    records: [{ order_id: orderId, customer_email: `${orderId.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00Z', amount: '10' }],
  } });
  const age = (key: string, hours: number) => sql`update idempotency_record set created_at = now() - make_interval(hours => ${hours}) where idempotency_key = ${key}`.execute(context.store.db);
  const keptKeys = async (keys: string[]) => (await context.store.db.selectFrom('idempotency_record').select('idempotency_key').where('idempotency_key', 'in', keys).orderBy('idempotency_key').execute()).map((row) => row.idempotency_key);

  it('replays within the day; after it, the same key with another body is a new request, not a conflict', async () => {
    expect((await send('exp-1', 'EXP-1')).json()).toMatchObject({ inserted: 1 });
    await age('exp-1', answerKeptForHours - 1);
    expect((await send('exp-1', 'EXP-2')).statusCode).toBe(409);
    const replay = await send('exp-1', 'EXP-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');

    await age('exp-1', answerKeptForHours + 1);
    const fresh = await send('exp-1', 'EXP-2');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.json()).toMatchObject({ inserted: 1 });
    expect((await send('exp-1', 'EXP-2')).headers['idempotent-replayed']).toBe('true');
  });

  it('sweeps the expired answers and keeps the rest', async () => {
    await send('exp-old', 'EXP-3');
    await send('exp-new', 'EXP-4');
    await age('exp-old', answerKeptForHours + 2);
    expect(await sweepExpiredAnswers(context.store.db, { force: true })).toBeGreaterThanOrEqual(1);
    expect(await keptKeys(['exp-new', 'exp-old'])).toEqual(['exp-new']);
  });
});
