import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { buildApp } from './app.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const limit = 4;

describe.skipIf(!serverUrl)('the API-key request limit with two server processes on one database', () => {
  // two apps, each on a store with its own pool: two processes behind a round-robin proxy
  let stores: Store[] = [];
  let apps: FastifyInstance[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'test');
    drop = scratch.drop;
    stores = [await openStore(scratch.url), await openStore(scratch.url)];
    await migrate(stores[0]);
    apps = await Promise.all(stores.map((store) => buildApp({ store, config: { isBehindTls: false, apiKeyRequestsPerMinute: limit }, clock: fixedClock('2025-01-01T00:00:00Z') })));
  }, 240_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await drop?.();
  });
  afterEach(() => vi.useRealTimers());

  const list = (app: FastifyInstance, headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/customers', headers });

  it('refuses a key\'s requests alternating between the processes at the shared limit, with Retry-After', async () => {
    // the limit reads the server's clock; fake only Date, so the stores' timers run
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z'));
    const key = await createTestApiKey(stores[0], ['read']);
    for (let request = 1; request <= limit; request += 1) {
      const served = await list(apps[request % 2], key.headers);
      expect(served.statusCode).toBe(200);
      expect([served.headers['x-ratelimit-limit'], served.headers['x-ratelimit-remaining'], served.headers['x-ratelimit-reset']]).toEqual([String(limit), String(limit - request), '60']);
    }
    vi.setSystemTime(new Date('2026-06-01T10:00:45Z'));
    for (const app of apps) {
      const refused = await list(app, key.headers);
      expect([refused.statusCode, refused.headers['retry-after'], refused.headers['x-ratelimit-remaining']]).toEqual([429, '15', '0']);
      expect(refused.json().error).toMatchObject({ code: 'API_KEY_RATE_LIMITED', details: { limitPerMinute: limit, retryAfterSeconds: 15 } });
    }
    // another key is counted apart
    expect((await list(apps[0], (await createTestApiKey(stores[0], ['read'], 'other')).headers)).statusCode).toBe(200);

    vi.setSystemTime(new Date('2026-06-01T10:01:00Z'));
    const next = await list(apps[1], key.headers);
    expect([next.statusCode, next.headers['x-ratelimit-remaining']]).toEqual([200, String(limit - 1)]);
  });

  it('serves no more than the limit in a minute however many requests arrive at once on both', async () => {
    const key = await createTestApiKey(stores[0], ['read'], 'burst');
    const answers = await Promise.all(Array.from({ length: 3 * limit }, (_, request) => list(apps[request % 2], key.headers)));
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(limit);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(2 * limit);
  });
});
